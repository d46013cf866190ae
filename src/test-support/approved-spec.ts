import { setSpecApproval } from "../spec/set-spec-approval.js";

/** The approver test specs record; matches the identity temp repos commit as. */
export const TEST_APPROVER = "Test <test@example.com>";

/**
 * `text` approved the way `jig spec approve` does it: status approved and a
 * correctly hashed approval record, so lint and the guard accept it.
 */
export function approveSpecText(text: string, options: { by?: string; at?: string } = {}): string {
  return setSpecApproval(text, {
    by: options.by ?? TEST_APPROVER,
    at: options.at ?? "2025-01-01T00:00:00.000Z",
  }).text;
}

/** SPEC-0001 (a refund cap) as a draft that lints clean. */
export const DRAFT_SPEC = `---
id: SPEC-0001
title: Cap automatic refunds
status: draft
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

/** {@link DRAFT_SPEC} approved, with a valid approval record, shared by tests. */
export const APPROVED_SPEC = approveSpecText(DRAFT_SPEC);
