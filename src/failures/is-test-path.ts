const TEST_NAME =
  /\.(?:test|spec)\.[^/]+$|(?:^|\/)test_[^/]+\.py$|_test\.(?:py|go)$|(?:^|\/)conftest\.py$/i;
const TEST_DIR = /(?:^|\/)(?:tests?|__tests__|spec|testdata|__mocks__|fixtures|__fixtures__)\//i;

/**
 * Whether a repo-relative path is test code (`*.test.*`, `*.spec.*`,
 * `test_*.py`, `*_test.go`, or under `test/`, `tests/`, `__tests__/`,
 * `spec/`, `testdata/`, fixtures). Guards removed from tests and regexes in
 * fixtures protect nothing in production, so `skipTestFiles` ignores them.
 */
export function isTestPath(path: string): boolean {
  return TEST_NAME.test(path) || TEST_DIR.test(path);
}
