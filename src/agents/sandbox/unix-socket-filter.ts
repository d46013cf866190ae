/**
 * A classic-BPF seccomp program, in the byte layout bubblewrap's `--seccomp FD`
 * reads (an array of `struct sock_filter`, native little-endian), that makes
 * `socket(AF_UNIX, ...)` and `io_uring_setup` fail with EPERM and allows every
 * other call. Without it a sandbox with no network still reaches every unix
 * socket it can see on disk: the guard daemon, docker, ssh-agent, dbus.
 *
 * `socketpair(AF_UNIX)` stays allowed: its two ends are anonymous and connect
 * to nothing outside, and Node, git and most shells use it to talk to their
 * own children. io_uring is refused because its IORING_OP_SOCKET creates
 * sockets without the socket() system call. A foreign architecture (and the
 * x32 ABI, whose numbers would skip the checks) kills the process, so the
 * filter can never be sidestepped by switching ABI.
 */

const BPF_LD_W_ABS = 0x20;
const BPF_JEQ_K = 0x15;
const BPF_JGE_K = 0x35;
const BPF_RET_K = 0x06;

/** `offsetof(struct seccomp_data, ...)`. */
const OFFSET_NR = 0;
const OFFSET_ARCH = 4;
/** The low 32 bits of args[0] (little-endian); socket's domain is an int. */
const OFFSET_ARG0 = 16;

export const AUDIT_ARCH_X86_64 = 0xc000003e;
export const AUDIT_ARCH_AARCH64 = 0xc00000b7;
const X32_SYSCALL_BIT = 0x40000000;
const AF_UNIX = 1;
const EPERM = 1;

export const SECCOMP_RET_ALLOW = 0x7fff0000;
export const SECCOMP_RET_ERRNO_EPERM = 0x00050000 | EPERM;
export const SECCOMP_RET_KILL_PROCESS = 0x80000000;

/** System call numbers per architecture. */
const SYSCALLS = {
  x86_64: { socket: 41, ioUringSetup: 425 },
  aarch64: { socket: 198, ioUringSetup: 425 },
} as const;

/** One `struct sock_filter`; jumps name labels and are resolved to offsets. */
type Instruction =
  | { op: "load"; offset: number }
  | { op: "jeq" | "jge"; value: number; ifTrue: string; ifFalse: string }
  | { op: "return"; value: number }
  | { op: "label"; name: string };

function program(): Instruction[] {
  const perArch = (arch: keyof typeof SYSCALLS): Instruction[] => [
    { op: "label", name: arch },
    { op: "load", offset: OFFSET_NR },
    ...(arch === "x86_64"
      ? [{ op: "jge", value: X32_SYSCALL_BIT, ifTrue: "kill", ifFalse: `${arch}-nr` } as const]
      : []),
    { op: "label", name: `${arch}-nr` },
    { op: "jeq", value: SYSCALLS[arch].socket, ifTrue: "domain", ifFalse: `${arch}-uring` },
    { op: "label", name: `${arch}-uring` },
    { op: "jeq", value: SYSCALLS[arch].ioUringSetup, ifTrue: "deny", ifFalse: "allow" },
  ];
  return [
    { op: "load", offset: OFFSET_ARCH },
    { op: "jeq", value: AUDIT_ARCH_X86_64, ifTrue: "x86_64", ifFalse: "arch2" },
    { op: "label", name: "arch2" },
    { op: "jeq", value: AUDIT_ARCH_AARCH64, ifTrue: "aarch64", ifFalse: "kill" },
    ...perArch("x86_64"),
    ...perArch("aarch64"),
    { op: "label", name: "domain" },
    { op: "load", offset: OFFSET_ARG0 },
    { op: "jeq", value: AF_UNIX, ifTrue: "deny", ifFalse: "allow" },
    { op: "label", name: "allow" },
    { op: "return", value: SECCOMP_RET_ALLOW },
    { op: "label", name: "deny" },
    { op: "return", value: SECCOMP_RET_ERRNO_EPERM },
    { op: "label", name: "kill" },
    { op: "return", value: SECCOMP_RET_KILL_PROCESS },
  ];
}

/**
 * The filter's bytes, ready to write to the fd passed as `--seccomp`.
 *
 * @example
 * const bytes = unixSocketFilter(); // bytes.length % 8 === 0
 */
export function unixSocketFilter(): Buffer {
  const instructions = program();
  const labels = new Map<string, number>();
  let index = 0;
  for (const instruction of instructions) {
    if (instruction.op === "label") labels.set(instruction.name, index);
    else index += 1;
  }
  const out = Buffer.alloc(index * 8);
  let position = 0;
  /** A forward jump offset, counted from the instruction after this one. */
  const jump = (label: string): number => {
    const target = labels.get(label);
    if (target === undefined) throw new Error(`seccomp filter: unknown label ${label}`);
    const offset = target - position - 1;
    if (offset < 0 || offset > 255)
      throw new Error(`seccomp filter: jump to ${label} out of range`);
    return offset;
  };
  for (const instruction of instructions) {
    if (instruction.op === "label") continue;
    const at = position * 8;
    if (instruction.op === "load") {
      out.writeUInt16LE(BPF_LD_W_ABS, at);
      out.writeUInt32LE(instruction.offset, at + 4);
    } else if (instruction.op === "return") {
      out.writeUInt16LE(BPF_RET_K, at);
      out.writeUInt32LE(instruction.value >>> 0, at + 4);
    } else {
      out.writeUInt16LE(instruction.op === "jeq" ? BPF_JEQ_K : BPF_JGE_K, at);
      out.writeUInt8(jump(instruction.ifTrue), at + 2);
      out.writeUInt8(jump(instruction.ifFalse), at + 3);
      out.writeUInt32LE(instruction.value >>> 0, at + 4);
    }
    position += 1;
  }
  return out;
}
