//! Address networks (`185.71.76.0/27`, `2a02:5180:0:1509::/64`) for providers that publish
//! where their callbacks come from.

use std::net::IpAddr;

/// One network: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Network {
    addr: IpAddr,
    prefix: u8,
}

impl Network {
    /// Parses `a.b.c.d/n`, `x::/n` or a bare address (one host).
    pub fn parse(text: &str) -> Option<Self> {
        let (addr, prefix) = match text.trim().split_once('/') {
            Some((a, p)) => (a.parse::<IpAddr>().ok()?, p.parse::<u8>().ok()?),
            None => {
                let a = text.trim().parse::<IpAddr>().ok()?;
                (a, if a.is_ipv4() { 32 } else { 128 })
            }
        };
        let max = if addr.is_ipv4() { 32 } else { 128 };
        (prefix <= max).then_some(Self { addr, prefix })
    }

    /// Whether `ip` is inside (an IPv4-mapped IPv6 address counts as its IPv4 address).
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
            v4 => v4,
        };
        match (self.addr, ip) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                let mask = u32::MAX.checked_shl(32 - u32::from(self.prefix)).unwrap_or(0);
                u32::from(net) & mask == u32::from(ip) & mask
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                let mask = u128::MAX.checked_shl(128 - u32::from(self.prefix)).unwrap_or(0);
                u128::from(net) & mask == u128::from(ip) & mask
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_yookassa_addresses() {
        let nets: Vec<Network> = crate::config::YOOKASSA_NETWORKS
            .iter()
            .map(|n| Network::parse(n).unwrap())
            .collect();
        let trusted = |ip: &str| nets.iter().any(|n| n.contains(ip.parse().unwrap()));
        assert!(trusted("185.71.76.5"));
        assert!(trusted("77.75.156.11"));
        assert!(trusted("::ffff:185.71.77.31"));
        assert!(trusted("2a02:5180:0:1509::1"));
        assert!(!trusted("8.8.8.8"));
        assert!(!trusted("185.71.76.32"));
        assert!(!trusted("77.75.156.12"));
        assert_eq!(Network::parse("10.0.0.0/33"), None);
        assert_eq!(Network::parse("not an address"), None);
    }
}
