/** Marker line identifying a hook jig wrote, so reinstalling replaces only ours. */
export const HOOK_MARKER = "# jig pre-push hook (installed by `jig hooks install`)";

/**
 * The pre-push hook script. It runs a hook that was there before (moved to
 * `pre-push.jig-chained`) first, with the same stdin and arguments, then
 * `jig hooks pre-push`, which checks each pushed range.
 */
export function renderPrePushHook(jigBinPath: string): string {
  const quoted = `'${jigBinPath.replace(/'/g, "'\\''")}'`;
  return `#!/bin/sh
${HOOK_MARKER}
# Checks every pushed range with jig check; a failing check blocks the push.
# git push --no-verify skips this hook, so CI must run jig check too.
hook_dir=$(dirname "$0")
input=$(cat)
if [ -x "$hook_dir/pre-push.jig-chained" ]; then
  printf '%s\\n' "$input" | "$hook_dir/pre-push.jig-chained" "$@" || exit $?
fi
if [ -f ${quoted} ]; then
  printf '%s\\n' "$input" | node ${quoted} hooks pre-push "$@"
else
  printf '%s\\n' "$input" | jig hooks pre-push "$@"
fi
`;
}

export const HUSKY_SNIPPET = `# .husky/pre-push
npx jig hooks pre-push "$@"
`;

export const LEFTHOOK_SNIPPET = `# lefthook.yml
pre-push:
  commands:
    jig:
      run: npx jig hooks pre-push {1} {2}
      use_stdin: true
`;
