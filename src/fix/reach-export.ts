/**
 * How does this file name a framework's export (`jest.restoreAllMocks`, `afterEach` from `vitest`,
 * `sinon.replace`), and what edit makes it nameable? Read from the file's top-level imports and
 * `require` declarations; a global is used only where the file imports nothing from the module and
 * no variable of the file shadows the name.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES as T } from '@typescript-eslint/utils';
import { unwrap } from '../analysis/values/binding.js';
import type { OriginPattern } from '../analysis/runner/frameworks.js';

/** A top-level binding of a module's export: `local` is the module's exports at `path`. */
interface ModuleBinding {
  readonly source: string;
  readonly local: string;
  readonly path: readonly string[];
}

/** Where a new named binding can be added: the last specifier of `import { a } from 'm'` or of `const { a } = require('m')`. */
interface Extendable {
  readonly source: string;
  readonly after: TSESTree.Node;
}

export interface ExportReach {
  /** The expression that names the export here. */
  readonly text: string;
  /** The name to add to an import or `require` destructuring first, when there is one to add. */
  readonly add?: { readonly after: TSESTree.Node; readonly name: string };
}

interface FileModules {
  readonly bindings: readonly ModuleBinding[];
  readonly extendable: readonly Extendable[];
  /** Every name declared at the top level or as a configured global. */
  readonly declared: ReadonlySet<string>;
}

const cache = new WeakMap<TSESLint.SourceCode, FileModules>();

function modulesOf(sourceCode: TSESLint.SourceCode): FileModules {
  let found = cache.get(sourceCode);
  if (found) return found;
  const bindings: ModuleBinding[] = [];
  const extendable: Extendable[] = [];
  for (const statement of sourceCode.ast.body) {
    if (statement.type === T.ImportDeclaration && statement.importKind !== 'type') {
      const source = statement.source.value;
      for (const specifier of statement.specifiers) {
        if (specifier.type === T.ImportDefaultSpecifier) bindings.push({ source, local: specifier.local.name, path: ['default'] });
        else if (specifier.type === T.ImportNamespaceSpecifier) bindings.push({ source, local: specifier.local.name, path: [] });
        else if (specifier.importKind !== 'type') {
          const imported = specifier.imported.type === T.Identifier ? specifier.imported.name : specifier.imported.value;
          bindings.push({ source, local: specifier.local.name, path: [imported] });
        }
      }
      const last = statement.specifiers.at(-1);
      if (last?.type === T.ImportSpecifier) extendable.push({ source, after: last });
    } else if (statement.type === T.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const source = declarator.init ? requiredModule(declarator.init) : undefined;
        if (source === undefined) continue;
        if (declarator.id.type === T.Identifier) bindings.push({ source, local: declarator.id.name, path: [] });
        else if (declarator.id.type === T.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type !== T.Property || property.computed || property.key.type !== T.Identifier || property.value.type !== T.Identifier) continue;
            bindings.push({ source, local: property.value.name, path: [property.key.name] });
          }
          const last = declarator.id.properties.at(-1);
          if (last?.type === T.Property) extendable.push({ source, after: last });
        }
      }
    }
  }
  const declared = new Set<string>();
  const global = sourceCode.scopeManager?.globalScope;
  for (const scope of global ? [global, ...global.childScopes.filter((s) => s.type === 'module')] : []) {
    for (const variable of scope.variables) if (variable.defs.length > 0) declared.add(variable.name);
  }
  found = { bindings, extendable, declared };
  cache.set(sourceCode, found);
  return found;
}

function requiredModule(init: TSESTree.Node): string | undefined {
  const call = unwrap(init);
  if (call.type !== T.CallExpression || call.callee.type !== T.Identifier || call.callee.name !== 'require') return undefined;
  const argument = call.arguments[0];
  return argument?.type === T.Literal && typeof argument.value === 'string' ? argument.value : undefined;
}

function startsWith(path: readonly string[], prefix: readonly string[]): boolean {
  return prefix.length <= path.length && prefix.every((key, i) => path[i] === key);
}

/**
 * The shortest way to name what one of `patterns` names: through a binding the file has, else by
 * adding a name to an import of the module, else as a global. Undefined when there is none (a global
 * shadowed by a variable of the file, a module imported only by default).
 */
export function reachExport(sourceCode: TSESLint.SourceCode, patterns: readonly OriginPattern[]): ExportReach | undefined {
  const { bindings, extendable, declared } = modulesOf(sourceCode);
  for (const pattern of patterns) {
    if (!('module' in pattern)) continue;
    const binding = bindings.find((b) => b.source === pattern.module && startsWith(pattern.path, b.path) && b.path[0] !== 'default');
    const viaDefault = binding ?? bindings.find((b) => b.source === pattern.module && startsWith(pattern.path, b.path));
    if (viaDefault) return { text: [viaDefault.local, ...pattern.path.slice(viaDefault.path.length)].join('.') };
  }
  for (const pattern of patterns) {
    if (!('module' in pattern)) continue;
    const first = pattern.path[0];
    const target = extendable.find((e) => e.source === pattern.module);
    if (first === undefined || first === 'default' || !target || declared.has(first)) continue;
    return { text: pattern.path.join('.'), add: { after: target.after, name: first } };
  }
  for (const pattern of patterns) {
    if (!('global' in pattern)) continue;
    const imported = patterns.some((p) => 'module' in p && bindings.some((b) => b.source === p.module));
    if (imported || declared.has(pattern.global)) continue;
    return { text: [pattern.global, ...pattern.path].join('.') };
  }
  return undefined;
}

/** The edit that makes a reach usable: the added import name, if any. */
export function reachFixes(fixer: TSESLint.RuleFixer, reaches: readonly ExportReach[]): TSESLint.RuleFix[] {
  const added = new Map<TSESTree.Node, Set<string>>();
  for (const reach of reaches) {
    if (!reach.add) continue;
    const names = added.get(reach.add.after) ?? new Set<string>();
    added.set(reach.add.after, names);
    names.add(reach.add.name);
  }
  return [...added].map(([after, names]) => fixer.insertTextAfter(after, [...names].map((name) => `, ${name}`).join('')));
}
