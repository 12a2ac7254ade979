//! Unit tests of [`ReceiptService`] and [`BankCardService`] against mocked ports.
