/**
 * Prints one plain closing line, "jest: N passed, N failed, N skipped", that tools reading test output
 * understand without knowing Jest's own summary format. Jest prints its summary after every reporter's
 * onRunComplete, so this line is written when the process exits, to come last.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
module.exports = SummaryReporter;
