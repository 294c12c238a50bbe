/**
 * The entry for `require('eslint-plugin-patch-leak')` (package.json `exports`, "require"): the same
 * plugin object as `import`, not a namespace, so a CommonJS `eslint.config.js` can write
 * `patchLeak.configs.recommended`. Node >= 20.19 loads the ES module with `require`.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- this file is the CommonJS entry
import entry = require('./index.js');

export = entry.default;
