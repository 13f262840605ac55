//! 舆情回应: the log of public concerns (政务舆情) from the moment staff
//! notice one — where, when, how serious, whose — to the published item
//! that answered it or the recorded decision not to respond. Its clocks
//! run in calendar hours for 重大 / 特别重大 (5 hours to authoritative
//! information, 24 to a press conference, 国办发〔2016〕61号) and in
//! working days otherwise (a bureau setting); they are red and yellow like
//! every other queue, on the dashboard and in the morning digest. The log
//! is never public: a linked response's page shows only when the concern
//! arose and how long the answer took.

pub mod db;
pub mod demo;
pub mod handle;
pub mod pages;
pub mod types;
