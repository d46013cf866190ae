/** An approved spec for SPEC-0001 (a refund cap) that lints clean, shared by tests. */
export const APPROVED_SPEC = `---
id: SPEC-0001
title: Cap automatic refunds
status: approved
domains: [billing]
owner: payments
---

## Problem

Refunds of any size are paid automatically.

## Acceptance criteria

- AC-1: Given a refund of 50000 cents or less, when it is decided, then the decision is "approved".
- AC-2: Given a refund above 50000 cents, when it is decided, then the decision is "escalated".

## Constraints

- C-1: Amounts are integer cents.

## Risks

- R-1: An off-by-one cap pays refunds that need a human.

## Out of scope

- Partial refunds.
`;
