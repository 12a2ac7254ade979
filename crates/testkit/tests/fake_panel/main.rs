//! Raw-HTTP tests proving the fake panel answers like the real 3x-ui of each generation.

mod faults;
mod gen_a;
mod gen_b;
mod gen_c;
mod gen_d;
mod helpers;
mod subscription;
mod tls_and_two_factor;
