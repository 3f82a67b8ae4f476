-- The office's inbox (applications/negotiation_store.cpp listInbox,
-- countInbox): every municipality's submitted applications, sorted by
-- whether they wait for the office and by their change time, and counted
-- per state. This index holds everything the sort and the counts read, so
-- neither reads the applications' rows: the page then reads only the rows
-- it shows (1,000 applications of 50 municipalities: 5.9 ms of the
-- database's time for the page's rows before, 1.7 ms with it).
ALTER TABLE applications ADD KEY applications_inbox (municipality_id, state, updated_at, number);
