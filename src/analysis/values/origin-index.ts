/**
 * Which of a file's items (restores, restoring writes) are keyed by a shared member that is the
 * target itself or an object holding it? The items are put in a tree by root (module or global)
 * and path once, so a question walks the target's path instead of scanning every item of the root:
 * a file that writes and restores members of one module in thousands of blocks stays linear.
 * The answer is a superset of `isPrefixOrigin(key, target)` (and so of `sameOrigin`), with the
 * same wildcard rule (`ANY_KEY` on either side matches any key); callers keep their own checks.
 */
import { ANY_KEY, type SharedOrigin } from './binding.js';

interface Node {
  /** Indexes of the items whose key ends here. */
  readonly items: number[];
  readonly children: Map<string, Node>;
  /** The items themselves, made on first use by `sameAs`. */
  same?: ReadonlySet<unknown>;
}

export interface OriginIndex<T> {
  /** The items whose key is the target or a prefix of it, in the order they were given. */
  prefixesOf(target: SharedOrigin): T[];
  /**
   * The items whose key is the target itself, written the same way (no `ANY_KEY` on either side):
   * `sameOrigin` holds for each without comparing paths. Empty when the target has an `ANY_KEY`.
   */
  sameAs(target: SharedOrigin): ReadonlySet<T>;
}

function rootOf(origin: SharedOrigin): string {
  return origin.kind === 'module' ? `module:${origin.source}` : `global:${origin.name}`;
}

const EMPTY: ReadonlySet<never> = new Set();

function newNode(): Node {
  return { items: [], children: new Map() };
}

export function originIndex<T>(items: readonly T[], keyOf: (item: T) => SharedOrigin | undefined): OriginIndex<T> {
  const roots = new Map<string, Node>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (!key) return;
    let node: Node | undefined = roots.get(rootOf(key));
    if (!node) {
      node = newNode();
      roots.set(rootOf(key), node);
    }
    for (const segment of key.path) {
      let child: Node | undefined = node.children.get(segment);
      if (!child) {
        child = newNode();
        node.children.set(segment, child);
      }
      node = child;
    }
    node.items.push(i);
  });
  return {
    prefixesOf(target) {
      const root = roots.get(rootOf(target));
      if (!root) return [];
      const found: number[] = [];
      const visit = (node: Node, depth: number): void => {
        for (const i of node.items) found.push(i);
        const segment = target.path[depth];
        if (segment === undefined) return;
        if (segment === ANY_KEY) {
          for (const child of node.children.values()) visit(child, depth + 1);
          return;
        }
        const exact = node.children.get(segment);
        if (exact) visit(exact, depth + 1);
        const any = node.children.get(ANY_KEY);
        if (any) visit(any, depth + 1);
      };
      visit(root, 0);
      return found.sort((a, b) => a - b).map((i) => items[i] as T);
    },
    sameAs(target) {
      let node = roots.get(rootOf(target));
      for (const segment of target.path) {
        if (!node || segment === ANY_KEY) return EMPTY;
        node = node.children.get(segment);
      }
      if (!node) return EMPTY;
      node.same ??= new Set(node.items.map((i) => items[i]));
      return node.same as ReadonlySet<T>;
    },
  };
}
