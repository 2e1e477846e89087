//! Contract statements (placeholder replaced below).
