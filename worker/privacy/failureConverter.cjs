// Failure messages and stack traces can quote personal data (an error naming an email): this
// converter moves them into a payload, which the codec then encrypts. CommonJS because the SDK
// require()s it by path (DataConverter.failureConverterPath) in every process running a Worker,
// vitest's included, where no TypeScript loader hooks require(); the bundler also puts it into
// the workflow code.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- CommonJS on purpose, see above
const { DefaultFailureConverter } = require('@temporalio/common');

exports.failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
