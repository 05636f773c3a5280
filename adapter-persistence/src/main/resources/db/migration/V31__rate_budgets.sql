-- Request budgets per provider account (issue 25), shared by every instance on the database.
-- budget_key is a SHA-256 of the connector type and the account (never an id or a secret in clear);
-- tokens at updated_at is the token bucket (negative: slots already promised to waiting requests).
CREATE TABLE rate_budgets (
    budget_key VARCHAR(64) PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
