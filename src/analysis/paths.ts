import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/types';

/**
 * Path questions ("is it released on every path", "does every path out of this catch leave the
 * loop") answered on ESLint's code-path analysis, for the rules that need them.
 *
 * How to use it:
 *
 * 1. In `create()`, make a recorder and say which code paths to record. `track` is asked once per
 *    code path, at its start, with the node that owns it (the `Program`, a function, a class field
 *    initializer or static block); only tracked code paths cost anything beyond that call. Decide
 *    cheaply, before traversal (the scope manager is ready in `create()`), which functions contain
 *    a candidate, and track only those.
 * 2. Merge `recorder.listeners` into the rule's listeners with {@link mergeListeners} (they use the
 *    code-path events and `*` / `*:exit`; the rule's own handlers for the same keys keep working).
 * 3. After traversal (in `Program:exit` or later) ask the queries. They take AST nodes; a node's
 *    *place* on a path is where it completes for an expression (a call has run, its arguments
 *    first; an `await` has resumed) and where it begins for anything else (a `return` or `throw`
 *    is reached, a block or `catch` clause is entered, a `break` is taken). Order within a segment
 *    is respected: a stop counts only after `from`, a target only before the first stop.
 *
 * Nodes outside tracked code paths, and nodes ESLint never reaches (dead code after a `return`),
 * have no reachable place: queries from them answer `false` (no path), `everyPathReaches` `true`.
 *
 * ESLint models exceptions only where it can see them: a `throw`, and inside a `try` block the
 * first point that can throw (edges to the `catch` / `finally`). A call or `await` outside a `try`
 * that throws has no edge to the thrown final segment; callers that care ask about those points
 * themselves ({@link PathRecorder.throwTarget} says where an exception at a node goes).
 */

export type Segment = TSESLint.CodePathSegment;
export type CodePath = TSESLint.CodePath;
export type LoopNode = TSESTree.WhileStatement | TSESTree.DoWhileStatement | TSESTree.ForStatement | TSESTree.ForInStatement | TSESTree.ForOfStatement;

/** Where a path may end: at a returned final segment (or the normal end), a thrown one, or either. */
export type PathEnd = 'returned' | 'thrown' | 'final';

/** A loop-back edge ESLint reported (`onCodePathSegmentLoop`), and the loop it belongs to. */
export interface LoopBack {
  readonly from: Segment;
  readonly to: Segment;
  /** The innermost loop statement around (or equal to) the node ESLint was at, or `null`. */
  readonly loop: LoopNode | null;
}

export interface PathAvoidingOptions {
  /** A final segment of this kind, or one of these nodes' places. */
  readonly to: PathEnd | readonly TSESTree.Node[];
}

export interface EveryPathReachesOptions {
  /** Reaching one of these segments first fails the path (for example a loop's head, see {@link PathRecorder.loopHeads}). */
  readonly before?: Iterable<Segment>;
  /** Taking a loop-back edge of this loop first fails the path. */
  readonly beforeLoopBack?: LoopNode;
  /** Whether ending the function at a final segment of this kind counts as reaching a target (default: no). */
  readonly orEnd?: PathEnd | false;
}

export interface PathRecorder {
  /** Listeners to merge into the rule's ({@link mergeListeners}). */
  readonly listeners: TSESLint.RuleListener;
  /** Whether the code path owned by `root` was recorded. */
  isTracked(root: TSESTree.Node): boolean;
  /** The code path owned by `root` (a function, the `Program`), when it was recorded. */
  codePathOf(root: TSESTree.Node): CodePath | null;
  /** The recorded code path `node` is in (its innermost function's, or the `Program`'s), or `null`. */
  codePathAt(node: TSESTree.Node): CodePath | null;
  /** The segments `node`'s place is in (several inside a `finally`, which ESLint duplicates per way out); empty when not recorded. */
  segmentsOf(node: TSESTree.Node): readonly Segment[];
  /** Whether `node` has a reachable place. */
  isReachable(node: TSESTree.Node): boolean;
  /**
   * Whether some path from `from`'s place reaches `to` (a final segment of that kind, or one of
   * the nodes' places) without passing the place of any node in `stops`.
   */
  pathAvoiding(from: TSESTree.Node, stops: Iterable<TSESTree.Node>, options: PathAvoidingOptions): boolean;
  /**
   * Which of `nodes` some path from `from`'s place reaches without passing a stop: one search for
   * many targets (`pathAvoiding(from, stops, { to: [node] })` for each, at the cost of one).
   */
  reachedAvoiding(from: TSESTree.Node, stops: Iterable<TSESTree.Node>, nodes: Iterable<TSESTree.Node>): Set<TSESTree.Node>;
  /**
   * Whether every path from `from`'s place passes one of `targets` before it reaches a segment in
   * `before` (or takes a loop-back edge of `beforeLoopBack`) or ends the function (unless `orEnd`
   * says that ending counts). A path that cycles forever without either is not a failing path.
   */
  everyPathReaches(from: TSESTree.Node, targets: Iterable<TSESTree.Node>, options?: EveryPathReachesOptions): boolean;
  /** Every loop-back edge recorded, in the order ESLint made them. */
  loopBacks(): readonly LoopBack[];
  /** The segments the loop-back edges of `loop` go to: where its next iteration starts (its test, update or head). */
  loopHeads(loop: LoopNode): readonly Segment[];
  /** Whether the edge `from → to` is a loop-back edge (of `loop`, when given). */
  isLoopBack(from: Segment, to: Segment, loop?: LoopNode): boolean;
  /**
   * Where an exception raised at `node` goes in its function: the `catch` clause or `finally`
   * block that receives it, or `null` when it leaves the function. Exceptions follow the
   * lexical nesting of `try` statements, which is exact; pass the result as `from` to a query.
   */
  throwTarget(node: TSESTree.Node): TSESTree.CatchClause | TSESTree.BlockStatement | null;
}

export interface PathRecorderOptions {
  /** Which code paths to record, asked at each code path's start with its owner node. */
  readonly track: (root: TSESTree.Node) => boolean;
  /** Which nodes of a tracked code path to record (default: all). */
  readonly interesting?: (node: TSESTree.Node) => boolean;
}

interface Frame {
  readonly codePath: CodePath;
  readonly root: TSESTree.Node;
  readonly tracked: boolean;
  readonly current: Set<Segment>;
}

/** A node's place: the segments it is in and its position in each (events counted per segment). */
type Place = readonly (readonly [Segment, number])[];

const LOOP_TYPES = new Set<string>([
  AST_NODE_TYPES.WhileStatement,
  AST_NODE_TYPES.DoWhileStatement,
  AST_NODE_TYPES.ForStatement,
  AST_NODE_TYPES.ForInStatement,
  AST_NODE_TYPES.ForOfStatement,
]);

export function isLoopNode(node: TSESTree.Node): node is LoopNode {
  return LOOP_TYPES.has(node.type);
}

const FUNCTION_TYPES = new Set<string>([AST_NODE_TYPES.FunctionDeclaration, AST_NODE_TYPES.FunctionExpression, AST_NODE_TYPES.ArrowFunctionExpression]);

/** Whether a node's place is where it completes (expressions and patterns) rather than where it begins. */
const PLACED_AT_START = new Set<string>([
  AST_NODE_TYPES.CatchClause,
  AST_NODE_TYPES.SwitchCase,
  AST_NODE_TYPES.Program,
  AST_NODE_TYPES.VariableDeclarator,
  AST_NODE_TYPES.StaticBlock,
]);

const placedAtEndByType = new Map<string, boolean>();

function placedAtEnd(node: TSESTree.Node): boolean {
  const type: string = node.type;
  let atEnd = placedAtEndByType.get(type);
  if (atEnd === undefined) {
    atEnd = !(type.endsWith('Statement') || type.endsWith('Declaration') || PLACED_AT_START.has(type));
    placedAtEndByType.set(type, atEnd);
  }
  return atEnd;
}

/** Combines rule listeners: handlers for the same key run in order. */
export function mergeListeners(...all: readonly TSESLint.RuleListener[]): TSESLint.RuleListener {
  // most files record no code path: then one set of listeners is all there is, returned as it is
  const present = all.filter((listeners) => Object.keys(listeners).length > 0);
  const [single] = present;
  if (present.length <= 1) return single ?? {};
  const merged = new Map<string, ((...args: unknown[]) => void)[]>();
  for (const listeners of present) {
    for (const [key, handler] of Object.entries(listeners)) {
      if (typeof handler !== 'function') continue;
      const list = merged.get(key);
      // Listener functions take the node (or code-path event arguments) ESLint passes.
      const fn = handler as (...args: unknown[]) => void;
      if (list) list.push(fn);
      else merged.set(key, [fn]);
    }
  }
  const result: Record<string, (...args: unknown[]) => void> = {};
  for (const [key, handlers] of merged) {
    const [only] = handlers;
    result[key] =
      handlers.length === 1 && only
        ? only
        : (...args: unknown[]): void => {
            for (const handler of handlers) handler(...args);
          };
  }
  return result;
}

/**
 * The code-path listeners that keep, for each code path the traversal is in (innermost last), the
 * segments it is currently in. `start` makes the frame of a code path as it starts; `entered` is
 * told of each segment entered, with its frame. The frames are the caller's to read.
 */
export function segmentFrames<F extends { readonly current: Set<Segment> }>(
  start: (codePath: CodePath, node: TSESTree.Node) => F,
  entered?: (segment: Segment, frame: F) => void,
): { readonly frames: readonly F[]; readonly listeners: TSESLint.RuleListener } {
  const frames: F[] = [];
  const enterSegment = (segment: Segment): void => {
    const frame = frames.at(-1);
    if (!frame) return;
    frame.current.add(segment);
    entered?.(segment, frame);
  };
  const leaveSegment = (segment: Segment): void => {
    frames.at(-1)?.current.delete(segment);
  };
  const listeners = {
    onCodePathStart(codePath: CodePath, node: TSESTree.Node) {
      frames.push(start(codePath, node));
    },
    onCodePathEnd() {
      frames.pop();
    },
    onCodePathSegmentStart: enterSegment,
    onCodePathSegmentEnd: leaveSegment,
    onUnreachableCodePathSegmentStart: enterSegment,
    onUnreachableCodePathSegmentEnd: leaveSegment,
  } as unknown as TSESLint.RuleListener; // code-path listeners are typed loosely by typescript-eslint
  return { frames, listeners };
}

export function createPathRecorder(options: PathRecorderOptions): PathRecorder {
  const pathsByRoot = new Map<TSESTree.Node, CodePath>();
  const pathOfSegment = new Map<Segment, CodePath>();
  const counters = new Map<Segment, number>();
  const starts = new Map<TSESTree.Node, Place>();
  const ends = new Map<TSESTree.Node, Place>();
  const backs: LoopBack[] = [];
  const thrownByPath = new Map<CodePath, Set<Segment>>();

  const top = (): Frame | undefined => frames.at(-1);

  function mark(node: TSESTree.Node, into: Map<TSESTree.Node, Place>): void {
    const frame = top();
    if (!frame?.tracked) return;
    if (options.interesting && !options.interesting(node)) return;
    const place: [Segment, number][] = [];
    for (const segment of frame.current) {
      const position = (counters.get(segment) ?? 0) + 1;
      counters.set(segment, position);
      place.push([segment, position]);
    }
    into.set(node, place);
  }

  const segments = segmentFrames<Frame>(
    (codePath, node) => {
      let tracked = false;
      try {
        tracked = options.track(node);
      } catch {
        tracked = false;
      }
      if (tracked) pathsByRoot.set(node, codePath);
      return { codePath, root: node, tracked, current: new Set() };
    },
    (segment, frame) => {
      if (frame.tracked) pathOfSegment.set(segment, frame.codePath);
    },
  );
  const { frames } = segments;

  const listeners = {
    ...segments.listeners,
    onCodePathSegmentLoop(from: Segment, to: Segment, node: TSESTree.Node) {
      if (!top()?.tracked) return;
      let loop: LoopNode | null = null;
      for (let current: TSESTree.Node | undefined = node; current; current = current.parent) {
        if (isLoopNode(current)) {
          loop = current;
          break;
        }
        if (FUNCTION_TYPES.has(current.type)) break;
      }
      backs.push({ from, to, loop });
    },
    // Each node has one place (see placeOf): only that event is marked. Positions compare only
    // the places marked, so leaving out the other event keeps every order a query reads.
    '*'(node: TSESTree.Node) {
      if (top()?.tracked && !placedAtEnd(node)) mark(node, starts);
    },
    '*:exit'(node: TSESTree.Node) {
      if (top()?.tracked && placedAtEnd(node)) mark(node, ends);
    },
  } as unknown as TSESLint.RuleListener; // code-path listeners are typed loosely by typescript-eslint

  function placeOf(node: TSESTree.Node): Place {
    return (placedAtEnd(node) ? ends.get(node) : starts.get(node)) ?? [];
  }

  function reachablePlace(node: TSESTree.Node): Place {
    return placeOf(node).filter(([segment]) => segment.reachable);
  }

  /** Positions of the given nodes' places, per segment, sorted. */
  function positions(nodes: Iterable<TSESTree.Node>): Map<Segment, number[]> {
    const bySegment = new Map<Segment, number[]>();
    for (const node of nodes) {
      for (const [segment, position] of placeOf(node)) {
        const list = bySegment.get(segment);
        if (list) list.push(position);
        else bySegment.set(segment, [position]);
      }
    }
    for (const list of bySegment.values()) list.sort((a, b) => a - b);
    return bySegment;
  }

  function thrownSegments(codePath: CodePath): Set<Segment> {
    let set = thrownByPath.get(codePath);
    if (!set) {
      set = new Set(codePath.thrownSegments);
      thrownByPath.set(codePath, set);
    }
    return set;
  }

  /** Whether `segment` ends its code path in the way `end` asks for. */
  function endsAs(segment: Segment, end: PathEnd): boolean {
    // At `Program:exit` ESLint has not yet marked the program's final segments: a reachable segment with nowhere to go is one.
    if (segment.nextSegments.length > 0) return false;
    if (end === 'final') return true;
    const codePath = pathOfSegment.get(segment);
    const thrown = codePath ? thrownSegments(codePath).has(segment) : false;
    return end === 'thrown' ? thrown : !thrown;
  }

  /**
   * The walk under every query: from `from`'s place along reachable segments, each entered once,
   * not beyond the first stop position in a segment. `at` sees each segment with the position the
   * path entered it at and its first stop after that; the walk ends as soon as `at` or `edge` (asked
   * of each edge out of a segment the path leaves) says so, and then answers `true`.
   */
  function walk(
    from: TSESTree.Node,
    stops: Map<Segment, number[]>,
    at: (segment: Segment, after: number, firstStop: number) => boolean,
    edge?: (from: Segment, to: Segment) => boolean,
  ): boolean {
    const fullyVisited = new Set<Segment>();
    const work: [Segment, number][] = reachablePlace(from).map(([segment, position]) => [segment, position]);
    while (work.length > 0) {
      const item = work.pop();
      if (!item) break;
      const [segment, after] = item;
      const firstStop = stops.get(segment)?.find((position) => position > after) ?? Number.POSITIVE_INFINITY;
      if (at(segment, after, firstStop)) return true;
      if (firstStop !== Number.POSITIVE_INFINITY) continue;
      for (const next of segment.nextSegments) {
        if (!next.reachable) continue;
        if (edge?.(segment, next)) return true;
        if (fullyVisited.has(next)) continue;
        fullyVisited.add(next);
        work.push([next, 0]);
      }
    }
    return false;
  }

  /**
   * The core search: is there a path from `from`'s place that reaches a goal (a goal position in a
   * segment, a goal segment end, or a failing edge) before any stop position?
   */
  function search(
    from: TSESTree.Node,
    stops: Map<Segment, number[]>,
    goal: {
      readonly positions?: Map<Segment, number[]>;
      readonly end?: PathEnd | false;
      readonly edge?: (from: Segment, to: Segment) => boolean;
    },
  ): boolean {
    return walk(
      from,
      stops,
      (segment, after, firstStop) =>
        goal.positions?.get(segment)?.some((position) => position > after && position < firstStop) === true ||
        (firstStop === Number.POSITIVE_INFINITY && !!goal.end && endsAs(segment, goal.end)),
      goal.edge,
    );
  }

  function reachedAvoiding(from: TSESTree.Node, stops: Iterable<TSESTree.Node>, nodes: Iterable<TSESTree.Node>): Set<TSESTree.Node> {
    const wanted = new Map<Segment, [number, TSESTree.Node][]>();
    for (const node of nodes) {
      for (const [segment, position] of placeOf(node)) {
        const list = wanted.get(segment);
        if (list) list.push([position, node]);
        else wanted.set(segment, [[position, node]]);
      }
    }
    const reached = new Set<TSESTree.Node>();
    if (wanted.size === 0) return reached;
    walk(from, positions(stops), (segment, after, firstStop) => {
      for (const [position, node] of wanted.get(segment) ?? []) if (position > after && position < firstStop) reached.add(node);
      return false;
    });
    return reached;
  }

  function loopHeads(loop: LoopNode): Segment[] {
    return [...new Set(backs.filter((back) => back.loop === loop).map((back) => back.to))];
  }

  function isLoopBack(from: Segment, to: Segment, loop?: LoopNode): boolean {
    return backs.some((back) => back.from === from && back.to === to && (loop === undefined || back.loop === loop));
  }

  function innermostRoot(node: TSESTree.Node): TSESTree.Node | null {
    for (let current: TSESTree.Node | undefined = node.parent; current; current = current.parent) {
      if (pathsByRoot.has(current)) return current;
      if (FUNCTION_TYPES.has(current.type)) return null;
    }
    return null;
  }

  return {
    listeners,
    isTracked: (root) => pathsByRoot.has(root),
    codePathOf: (root) => pathsByRoot.get(root) ?? null,
    codePathAt(node) {
      const root = innermostRoot(node);
      return root ? (pathsByRoot.get(root) ?? null) : null;
    },
    segmentsOf: (node) => placeOf(node).map(([segment]) => segment),
    isReachable: (node) => reachablePlace(node).length > 0,
    pathAvoiding(from, stops, { to }) {
      const stopPositions = positions(stops);
      return typeof to === 'string' ? search(from, stopPositions, { end: to }) : search(from, stopPositions, { positions: positions(to) });
    },
    reachedAvoiding,
    everyPathReaches(from, targets, { before, beforeLoopBack, orEnd = false } = {}) {
      if (reachablePlace(from).length === 0) return true;
      const beforeSet = new Set(before ?? []);
      const failingEnd: PathEnd | false = orEnd === false ? 'final' : orEnd === 'final' ? false : orEnd === 'returned' ? 'thrown' : 'returned';
      return !search(from, positions(targets), {
        end: failingEnd,
        edge: (segment, next) => beforeSet.has(next) || (beforeLoopBack !== undefined && isLoopBack(segment, next, beforeLoopBack)),
      });
    },
    loopBacks: () => backs,
    loopHeads,
    isLoopBack,
    throwTarget(node) {
      for (let child: TSESTree.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
        if (FUNCTION_TYPES.has(parent.type) || parent.type === AST_NODE_TYPES.Program) return null;
        if (parent.type !== AST_NODE_TYPES.TryStatement) continue;
        if (parent.block === child) return parent.handler ?? parent.finalizer;
        if (parent.handler === child && parent.finalizer) return parent.finalizer;
      }
      return null;
    },
  };
}
