/**
 * The `--answers` file format as a fill-in template, printed by
 * `jig spec new --template`. Every required answer is an empty string, which
 * the answers file rejects ("must not be empty") until someone fills it, so
 * an unfilled template can never become a spec. Keys and rules match
 * `answersFileSchema` (src/spec/answers-file.ts) and docs/spec-format.md.
 */
export const ANSWERS_TEMPLATE = `# Answers for 'jig spec new --answers FILE' (non-interactive: agents and CI).
# Fill in every "" below, then: jig spec new --answers FILE --non-interactive
# Reference: docs/spec-format.md ("jig spec new and the answers file").
title: ""              # the spec's title (or pass --title)
problem: ""            # what is wrong today, in a sentence or two
audience: ""           # who it is for
criteria:              # acceptance criteria, testable: "Given ..., when ..., then ..."; become AC-1, AC-2, ...
  - ""
followUps: {}          # refined criteria for ones that cannot be tested, keyed by "2", AC-2 or the text
constraints: []        # optional: limits the solution must respect
risks: []              # optional: what could go wrong; failure-model ids (FM-AUTH-001) are linked
outOfScope: ""         # what this spec does not cover (a string or a list)
domains: ""            # e.g. auth, billing (a string split on commas, or a list)
# owner: alice         # optional: defaults to git's user.name
answers: {}            # optional: raw answers by question id (e.g. clarify-1), win over the keys above
`;
