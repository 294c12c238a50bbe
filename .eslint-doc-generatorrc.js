// eslint-doc-generator (npm test runs it with --check): rule doc headers and the README rules list.
/** @type {import('eslint-doc-generator').GenerateOptions} */
export default {
  ignoreConfig: ['flat/recommended'], // the same object as `recommended`
  ruleDocSectionInclude: ['Examples'],
  ruleDocTitleFormat: 'desc-parens-prefix-name',
};
