-- Demo data (serve --demo) is marked, so the scheduler never dispatches it and no provider is
-- called with its made-up credentials.
ALTER TABLE connections ADD COLUMN sample BOOLEAN DEFAULT FALSE NOT NULL;
