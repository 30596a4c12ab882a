-- Why a parcel was inspected: selected from the officers' work queue (the model's and the rules'
-- ranking), drawn for a random sample (what selection misses), drawn for an audit sample (a
-- post-clearance review of an operator), or otherwise (a tip, an officer's own judgement). The
-- selection-performance page counted found ÷ inspected over every inspection as the model's
-- "precision": the samples, drawn to find what selection misses and finding little, pulled it below
-- the selection's (demo: 14.7 % against 18.6 % for the queue's picks). Results recorded before say
-- nothing (null), and count in the find rate of all inspections only.
ALTER TABLE inspection_results ADD COLUMN selected_by text CHECK (selected_by IN ('queue', 'random', 'audit', 'other'));
