import { describe, expect, it } from "vitest";
import {
  AUDIT_ARCH_AARCH64,
  AUDIT_ARCH_X86_64,
  SECCOMP_RET_ALLOW,
  SECCOMP_RET_ERRNO_EPERM,
  SECCOMP_RET_KILL_PROCESS,
  unixSocketFilter,
} from "./unix-socket-filter.js";

interface SeccompData {
  nr: number;
  arch: number;
  args: number[];
}

/** A classic-BPF interpreter for the few opcodes the filter uses: runs the real bytes. */
function run(program: Buffer, data: SeccompData): number {
  const word = (offset: number): number => {
    if (offset === 0) return data.nr >>> 0;
    if (offset === 4) return data.arch >>> 0;
    if (offset >= 16 && (offset - 16) % 8 === 0) return (data.args[(offset - 16) / 8] ?? 0) >>> 0;
    throw new Error(`unexpected load at ${offset}`);
  };
  let accumulator = 0;
  for (let pc = 0; pc * 8 < program.length; pc++) {
    const code = program.readUInt16LE(pc * 8);
    const jt = program.readUInt8(pc * 8 + 2);
    const jf = program.readUInt8(pc * 8 + 3);
    const k = program.readUInt32LE(pc * 8 + 4);
    if (code === 0x20) accumulator = word(k);
    else if (code === 0x15) pc += accumulator === k ? jt : jf;
    else if (code === 0x35) pc += accumulator >= k ? jt : jf;
    else if (code === 0x06) return k;
    else throw new Error(`unexpected opcode ${code.toString(16)}`);
  }
  throw new Error("fell off the end of the program");
}

const AF_UNIX = 1;
const AF_INET = 2;

describe("unixSocketFilter", () => {
  const program = unixSocketFilter();

  it("is a whole number of sock_filter entries that always returns", () => {
    expect(program.length % 8).toBe(0);
    expect(program.length / 8).toBeLessThan(64);
  });

  it("refuses socket(AF_UNIX) and io_uring on x86_64 and aarch64, and allows the rest", () => {
    const cases = [
      { arch: AUDIT_ARCH_X86_64, socket: 41, socketpair: 53, read: 0 },
      { arch: AUDIT_ARCH_AARCH64, socket: 198, socketpair: 199, read: 63 },
    ];
    for (const { arch, socket, socketpair, read } of cases) {
      expect(run(program, { nr: socket, arch, args: [AF_UNIX, 1] })).toBe(SECCOMP_RET_ERRNO_EPERM);
      expect(run(program, { nr: socket, arch, args: [AF_INET, 1] })).toBe(SECCOMP_RET_ALLOW);
      // socketpair's ends are anonymous: Node and git need it for their children.
      expect(run(program, { nr: socketpair, arch, args: [AF_UNIX, 1] })).toBe(SECCOMP_RET_ALLOW);
      expect(run(program, { nr: 425, arch, args: [] })).toBe(SECCOMP_RET_ERRNO_EPERM);
      expect(run(program, { nr: read, arch, args: [AF_UNIX] })).toBe(SECCOMP_RET_ALLOW);
    }
  });

  it("kills the x32 ABI and foreign architectures rather than let them skip the checks", () => {
    expect(run(program, { nr: 0x40000000 + 41, arch: AUDIT_ARCH_X86_64, args: [AF_UNIX] })).toBe(
      SECCOMP_RET_KILL_PROCESS,
    );
    expect(run(program, { nr: 41, arch: 0x40000003, args: [AF_UNIX] })).toBe(
      SECCOMP_RET_KILL_PROCESS,
    );
  });
});
