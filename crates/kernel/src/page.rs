//! Paging for histories and lists.

/// Which slice of a list to return; newest first unless a port says otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    offset: u64,
    limit: u64,
}

impl PageRequest {
    /// The largest page any port hands out.
    pub const MAX_LIMIT: u64 = 100;

    /// Page `number` (0-based) of `per_page` items; `per_page` is clamped to 1..=100.
    pub fn new(number: u64, per_page: u64) -> Self {
        let limit = per_page.clamp(1, Self::MAX_LIMIT);
        Self {
            offset: number.saturating_mul(limit),
            limit,
        }
    }

    /// Rows to skip.
    pub fn offset(&self) -> u64 {
        self.offset
    }

    /// Rows to return at most.
    pub fn limit(&self) -> u64 {
        self.limit
    }
}

impl Default for PageRequest {
    fn default() -> Self {
        Self::new(0, 10)
    }
}

/// One page of results and how many there are in all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// How many items exist in all pages together.
    pub total: u64,
}

impl<T> Page<T> {
    /// Whether a page after `request` exists.
    pub fn has_more(&self, request: PageRequest) -> bool {
        request.offset() + (self.items.len() as u64) < self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_size_is_clamped_and_offset_follows_it() {
        let p = PageRequest::new(2, 1_000);
        assert_eq!((p.offset(), p.limit()), (200, 100));
        assert_eq!(PageRequest::new(0, 0).limit(), 1);
    }

    #[test]
    fn has_more_tells_whether_another_page_exists() {
        let req = PageRequest::new(0, 2);
        assert!(
            Page {
                items: vec![1, 2],
                total: 3
            }
            .has_more(req)
        );
        assert!(
            !Page {
                items: vec![1, 2],
                total: 2
            }
            .has_more(req)
        );
    }
}
