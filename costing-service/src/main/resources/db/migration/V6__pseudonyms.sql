-- The suite's one pseudonym of each episode's person for the episode's responsible commissioner
-- (platform Pseudonyms: P- from the NHS number, L- provider-local). It arrives with clustering's
-- feed, or is computed at upload from an optional nhs_number column that is never stored. Episodes
-- stored before this migration get theirs on the next feed change or upload; until then they are
-- shown as provider-local, computed from the local id.
alter table cluster_episode add column pseudonym text;
