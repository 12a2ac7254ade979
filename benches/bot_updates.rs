//! Update-handling benchmark (issue #4); filled in below.

fn main() {}
