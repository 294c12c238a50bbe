/**
 * What a patch is: a change of shared state a test file makes (a member written, an API called, a
 * helper of the suite called), the member it changes, and the verdict on whether it is undone in
 * time. patches.ts finds them; the rules and the suggestions read them.
 */
import type { SharedOrigin } from '../values/binding.js';
import type { Write } from '../writes/patch-write.js';
import type { Verdict } from '../restore/restore.js';
import type { StateUndoRewrite } from '../writes/state-apis.js';

export interface Patch {
  readonly write: Write;
  readonly target: SharedOrigin;
  /** How the target reads in messages: `agentProxy.HttpToolsInvoker`. */
  readonly name: string;
  readonly verdict: Verdict;
  /**
   * Set for a change made by calling an API (`process.chdir(dir)`, state-changes.ts) rather than by
   * writing a member, or by calling a helper of the suite that patches (helper-patches.ts): the rule
   * that reports it, the fix, and for a catalogue call the rewrite that undoes it. `write.node` is the call.
   */
  readonly api?: {
    readonly rule: 'global' | 'module';
    readonly remedy: string;
    readonly usedUp: boolean;
    readonly rewrite?: StateUndoRewrite;
    /**
     * A call of the suite's helper that returns nothing, when the caller can reach every member of
     * the rule's kind it changes: each as the caller writes it (`Date.now`; `config.timeout` through
     * the caller's own import of the module), to save and put back.
     */
    readonly putBack?: readonly PutBackMember[];
    /** A call of the suite's helper whose returned value is proven to put back what it changes: how to run it. */
    readonly returned?: { readonly method: string | undefined; readonly members: string };
  };
}

/** A member a helper changes, as the caller's block reads it: through a global, or the file's top-level binding of its module. */
export interface PutBackMember {
  readonly text: string;
  readonly through: 'global' | 'binding';
}
