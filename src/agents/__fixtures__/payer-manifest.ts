/** An agent whose writes to src/pay.env need a human: the approval tests' subject. */
export const PAYER_MANIFEST = `name: payer
role: Changes payment settings under human approval
permissions:
  tools: { allow: [Read, Write, Edit, Bash] }
  files: { read: ["**"], write: ["src/**"] }
escalate:
  - files: [src/pay.env]
    reason: payment settings need a human
`;
