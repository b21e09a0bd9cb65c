/**
 * --verify: type-check the affected part of each project after the transforms, and revert the files
 * whose edits add diagnostics (in themselves, or in the files that depend on them), repeating until no
 * new diagnostic remains. The rest of the changes stand.
 *
 * Cost, and why it is done in this order:
 * - The "after" program is built first, over the project's files (the tsconfig's file list, as `tsc`
 *   would), and only the changed files and their transitive importers are checked.
 * - The "before" program is built only when the after-check found diagnostics, and only the files that
 *   have diagnostics are checked in it: a clean run pays for one check, not two.
 * - Both programs are plain `ts.Program`s whose host hands out the syntax trees the unit's ts-morph
 *   Project already parsed (the engine's copies of the edited files, and whatever a type-aware
 *   transform loaded), so nothing is parsed twice; only the original texts of changed files are parsed
 *   again, for the before program. The ts-morph Project itself is not modified: rebuilding its program
 *   after swapping texts would make ts-morph re-wrap every file, and changing its compiler options
 *   re-parses all of them.
 * - The before program gives the original text only to the files checked in it and to the changed
 *   files they depend on (and to changed files that declare globals); other changed files keep their
 *   new text, which cannot change those files' diagnostics, so a run that changed many files does
 *   not parse them all again.
 * - After a revert, only files that import the reverted file and still see a kept edit are checked
 *   again; the others are back to their state before the run.
 * - Diagnostics that existed before never cause a revert: a before/after pair matches when code and
 *   message are equal and the position maps across the edit (same line and column outside edited
 *   lines, inside the same edited hunk otherwise), or, for moved code, when the line text is equal.
 *   Matching is one to one, so a second error with the same code and message is new.
 *
 * Blame (the file whose edits are reverted for a new diagnostic): sure when the diagnostic is on an
 * edited line of its own file, or refers (through an import, a called function, a declared type, a
 * name in its message) to a declaration or name that an edit changed; otherwise a guess (the nearest
 * edited dependency, then the file's own edit). A round reverts every sure culprit, or else only the
 * most-blamed guess, then checks again. Reverting is per file: all of a file's edits go together.
 *
 * Project files edited by transforms (a tsconfig.json via `finish`/`editFile`) are not checked or
 * reverted here; an edited tsconfig's compiler options are used for the after-check, so the check sees
 * the project as --write would leave it (use-disposable-stack adds a `lib` entry its edits need).
 *
 * Reads the disk only through the TypeScript compiler host (the tsconfig's file list, files the
 * project imports, lib files); writes nothing and prints nothing.
 */
import { dirname, resolve } from 'node:path';
import { diffArrays } from 'diff';
import { ts } from '../ts-morph.cjs';
import type { ProjectUnit, WorkFile } from '../engines/work-file.js';
import { displayPath } from '../report/build-summary.js';
import type { Diagnostic, FileResult, RunNote } from '../transform-api/types.js';

export interface VerifySettings {
  cwd: string;
  /** Run notes are added here (a new error no edit could be blamed for; files that could not be checked). */
  notes?: RunNote[];
  /** Filled in when given: what the check did (for bench/ and tests). */
  stats?: VerifyStats;
}

export interface VerifyStats {
  /** Changed files that were type-checked. */
  changedFiles: number;
  /** Files checked in after-programs (counted once per round). */
  checkedAfter: number;
  /** Files checked in the before program. */
  checkedBefore: number;
  /** After-programs built (one per round). */
  rounds: number;
  reverted: number;
  /** Milliseconds spent in each step. */
  ms: Record<string, number>;
}

/**
 * Type-checks the changed files and their importers, and turns the `changed` results whose edits add
 * diagnostics into `reverted` results (after = before, attemptedAfter = the rejected text, with the new
 * diagnostics and, in `reason`, the edit that was blamed). Other results are returned as they are.
 */
export async function verifyResults(
  results: FileResult[],
  files: readonly WorkFile[],
  units: readonly ProjectUnit[],
  settings: VerifySettings,
): Promise<FileResult[]> {
  const stats: VerifyStats = settings.stats ?? { changedFiles: 0, checkedAfter: 0, checkedBefore: 0, rounds: 0, reverted: 0, ms: {} };
  const byPath = new Map(results.map((r) => [r.path, r]));
  const replaced = new Map<string, FileResult>();
  for (const unit of units) {
    const unitFiles = files.filter((f) => f.unit === unit);
    if (!unitFiles.some((f) => byPath.get(f.path)?.status === 'changed')) continue;
    const tsconfigEdit = unit.info.tsconfigPath ? byPath.get(unit.info.tsconfigPath) : undefined;
    const check = new UnitCheck(unit, unitFiles, byPath, tsconfigEdit?.status === 'changed' ? tsconfigEdit.after : undefined, settings, stats);
    for (const result of check.run()) replaced.set(result.path, result);
  }
  return results.map((r) => replaced.get(r.path) ?? r);
}

// ---------------------------------------------------------------------------------------------------------------

/** A diagnostic with what is needed to compare it across an edit. Lines and columns are 0-based. */
interface Diag {
  path: string;
  start: number;
  length: number;
  code: number;
  message: string;
  line: number;
  column: number;
  lineText: string;
}

/** A run of edited lines: [oldStart, oldEnd) in the original text became [newStart, newEnd) in the new one. */
interface Hunk {
  oldStart: number;
  oldEnd: number;
  newStart: number;
  newEnd: number;
}

interface Blame {
  file: string;
  hunk: Hunk | undefined;
  /**
   * The error sits on an edited line, or concerns a declaration or name that an edit changed. Other
   * blames are guesses, acted on only in a round where no error had a sure culprit: the errors that
   * follow from another file's edit (a lost type guard, say) usually vanish once that file is reverted.
   */
  sure: boolean;
}

interface Graph {
  /** Project files of the program (not lib, not node_modules). */
  files: Set<string>;
  deps: Map<string, string[]>;
  importers: Map<string, Set<string>>;
}

interface Reverted {
  diags: Diag[];
  hunk: Hunk | undefined;
  /** Files reverted in earlier rounds that this file's edit depended on. */
  after: string[];
}

/** Where ts-morph serves the lib files of the compiler it bundles (ts-morph's libFolderInMemoryPath). */
const LIB_FOLDER = '/node_modules/typescript/lib';

class UnitCheck {
  private readonly beforeOptions: ts.CompilerOptions;
  private readonly afterOptions: ts.CompilerOptions;
  /** Changed files of this unit: original and new text. */
  private readonly texts = new Map<string, { original: string; after: string }>();
  /** Other working files of this unit (their text is the original). */
  private readonly unchanged = new Map<string, string>();
  private readonly kept = new Set<string>();
  private readonly reverted = new Map<string, Reverted>();
  private readonly hunkCache = new Map<string, Hunk[]>();
  private readonly diskCache = new Map<string, ts.SourceFile>();
  private readonly diskCacheAfter: Map<string, ts.SourceFile>;
  private readonly parsedCache = new Map<string, ts.SourceFile[]>();
  /** Changed files that have their original text in the before program. */
  private readonly originalsInBefore = new Set<string>();
  private readonly unattributed = new Set<string>();
  private readonly roots: string[];

  constructor(
    private readonly unit: ProjectUnit,
    unitFiles: readonly WorkFile[],
    private readonly byPath: ReadonlyMap<string, FileResult>,
    editedTsconfig: string | undefined,
    private readonly settings: VerifySettings,
    private readonly stats: VerifyStats,
  ) {
    this.beforeOptions = unit.compilerOptions;
    this.afterOptions = editedTsconfig !== undefined && unit.info.tsconfigPath ? parseEditedOptions(unit.info.tsconfigPath, editedTsconfig) : unit.compilerOptions;
    this.diskCacheAfter = sameParseOptions(this.beforeOptions, this.afterOptions) ? this.diskCache : new Map();
    for (const file of unitFiles) {
      const result = byPath.get(file.path);
      if (result?.status === 'changed') this.texts.set(file.path, { original: result.before, after: result.after });
      else this.unchanged.set(file.path, result?.before ?? file.original);
    }
    const names = new Set<string>(unit.fileNames);
    for (const file of unitFiles) if (!file.error) names.add(file.path);
    this.roots = [...names];
  }

  run(): FileResult[] {
    const t0 = performance.now();
    let afterProgram = this.buildProgram('after');
    this.time('after program', t0);
    for (const path of this.texts.keys()) {
      if (afterProgram.getSourceFile(path)) this.kept.add(path);
    }
    const unchecked = [...this.texts.keys()].filter((p) => !this.kept.has(p));
    if (unchecked.length) {
      const one = unchecked.length === 1;
      this.note(`${unchecked.length} changed file${one ? ' is' : 's are'} not part of the type-checked program (for example .js without allowJs), so ${one ? 'it was' : 'they were'} not verified: ${unchecked.slice(0, 5).map((p) => this.show(p)).join(', ')}${unchecked.length > 5 ? ', …' : ''}`);
    }
    this.stats.changedFiles += this.kept.size;
    if (!this.kept.size) return [];

    const afterDiags = new Map<string, Diag[]>();
    const beforeDiags = new Map<string, Diag[]>();
    let beforeProgram: ts.Program | undefined;
    let graph = this.buildGraph(afterProgram);
    let toCheck = this.affected(graph, [...this.kept], afterProgram);

    for (;;) {
      this.stats.rounds++;
      let t = performance.now();
      for (const path of toCheck) afterDiags.set(path, diagnosticsOf(afterProgram, path, this.afterOptions));
      this.stats.checkedAfter += toCheck.size;
      t = this.time('after check', t);

      const needBefore = [...afterDiags].filter(([path, list]) => list.length && !beforeDiags.has(path)).map(([path]) => path);
      if (needBefore.length) {
        beforeProgram = this.beforeProgramFor(needBefore, graph, afterProgram, beforeProgram);
        t = this.time('before program', t);
        for (const path of needBefore) {
          beforeDiags.set(path, beforeProgram.getSourceFile(path) ? diagnosticsOf(beforeProgram, path, this.beforeOptions) : []);
        }
        this.stats.checkedBefore += needBefore.length;
        t = this.time('before check', t);
      }

      const fresh: Diag[] = [];
      for (const [path, list] of afterDiags) {
        if (!list.length) continue;
        for (const d of this.newDiagnostics(path, list, beforeDiags.get(path) ?? [])) {
          if (!this.unattributed.has(diagKey(d))) fresh.push(d);
        }
      }
      if (!fresh.length) break;

      const sure = new Map<string, { diags: Diag[]; hunk: Hunk | undefined }>();
      const guessed = new Map<string, { diags: Diag[]; hunk: Hunk | undefined }>();
      const unblamed: Diag[] = [];
      const deps = new Map<string, string[]>();
      for (const d of fresh) {
        const chain = deps.get(d.path) ?? this.dependencyOrder(graph, d.path);
        deps.set(d.path, chain);
        const blame = this.blame(afterProgram, graph, chain, d);
        if (!blame) {
          unblamed.push(d);
          continue;
        }
        const into = blame.sure ? sure : guessed;
        const entry = into.get(blame.file) ?? { diags: [], hunk: blame.hunk };
        entry.diags.push(d);
        into.set(blame.file, entry);
      }
      this.time('blame', t);
      // Sure blames are all acted on at once; of the guesses, only the one most errors point to, so
      // that a wrong guess costs one round rather than several innocent files.
      const top = [...guessed].sort((a, b) => b[1].diags.length - a[1].diags.length)[0];
      const blamed = sure.size ? sure : new Map(top ? [top] : []);
      if (!blamed.size) {
        for (const d of unblamed) {
          this.unattributed.add(diagKey(d));
          this.note(`a new type error that no edit could be blamed for was left alone: ${this.show(d.path)}:${d.line + 1}:${d.column + 1} TS${d.code} ${d.message.split('\n')[0]}`);
        }
        break;
      }

      const earlier = [...this.reverted.keys()];
      for (const [file, { diags, hunk }] of blamed) {
        this.kept.delete(file);
        const dependsOn = new Set(diags.flatMap((d) => deps.get(d.path) ?? []));
        dependsOn.add(file);
        this.reverted.set(file, { diags, hunk, after: earlier.filter((e) => dependsOn.has(e)) });
      }
      t = performance.now();
      afterProgram = this.buildProgram('after', afterProgram);
      graph = this.buildGraph(afterProgram);
      // Only files that still see a kept edit can have new errors: the others are back to their state
      // before the run (when the only edits they saw were reverted), so they need no second check.
      const tainted = this.affected(graph, [...this.kept], afterProgram);
      toCheck = new Set([...this.affected(graph, [...blamed.keys()], afterProgram)].filter((p) => tainted.has(p)));
      for (const path of afterDiags.keys()) if (!tainted.has(path)) afterDiags.delete(path);
      this.time('after program', t);
    }
    this.stats.reverted += this.reverted.size;
    this.time('total', t0);
    return [...this.reverted].map(([path, info]) => this.revertedResult(path, info));
  }

  // -------------------------------------------------------------------------------------------------------------
  // Programs

  /**
   * A program over the project's files in one state: `after` (kept files with their new text, reverted
   * ones with the original) or `before` (every file original). Syntax trees are shared with the
   * unit's ts-morph Project and between the programs wherever the text is the same.
   */
  private buildProgram(state: 'before' | 'after', oldProgram?: ts.Program): ts.Program {
    const options = state === 'before' ? this.beforeOptions : this.afterOptions;
    const diskCache = state === 'before' ? this.diskCache : this.diskCacheAfter;
    const host = ts.createCompilerHost(options, true);
    const readFromDisk = host.getSourceFile.bind(host);
    const project = this.unit.getProject();
    // ts-morph bundles the compiler and serves its lib files from memory under LIB_FOLDER.
    const libs = project.getModuleResolutionHost();
    const isLib = (path: string): boolean => path.startsWith(`${LIB_FOLDER}/`);
    const { fileExists, readFile, directoryExists } = host;
    host.getDefaultLibLocation = () => LIB_FOLDER;
    host.getDefaultLibFileName = (o) => `${LIB_FOLDER}/${ts.getDefaultLibFileName(o)}`;
    host.fileExists = (p) => (isLib(p) ? libs.fileExists(p) : fileExists.call(host, p));
    host.readFile = (p) => (isLib(p) ? libs.readFile(p) : readFile.call(host, p));
    host.directoryExists = (p) => p === LIB_FOLDER || LIB_FOLDER.startsWith(`${p}/`) || (directoryExists?.call(host, p) ?? true);
    host.getSourceFile = (fileName, languageVersionOrOptions, onError, shouldCreate) => {
      const path = resolve(fileName);
      const text = this.textIn(state, path);
      if (text !== undefined) return this.sourceFileFor(state, path, text, languageVersionOrOptions, project);
      const cached = diskCache.get(path);
      if (cached) return cached;
      let sf = reusable(project.getSourceFile(path)?.compilerNode, undefined, languageVersionOrOptions);
      if (!sf && isLib(path)) {
        const libText = libs.readFile(path);
        sf = libText === undefined ? undefined : ts.createSourceFile(path, libText, languageVersionOrOptions, true);
      }
      sf ??= readFromDisk(fileName, languageVersionOrOptions, onError, shouldCreate);
      if (sf) diskCache.set(path, sf);
      return sf;
    };
    return ts.createProgram({ rootNames: this.roots, options, host, oldProgram });
  }

  /**
   * A program in which `files` and everything they depend on have their original text, so their
   * diagnostics are those from before the run. Changed files they do not depend on keep their current
   * text: they cannot change these files' diagnostics, and not parsing them again is what makes the
   * before-check cheap when many files changed. The set grows until it is closed under the before
   * program's own imports (an edit may have removed an import).
   */
  private beforeProgramFor(files: readonly string[], graph: Graph, afterProgram: ts.Program, previous: ts.Program | undefined): ts.Program {
    const wanted = new Set(this.originalsInBefore);
    for (const file of files) for (const dep of this.dependencyOrder(graph, file)) if (this.texts.has(dep)) wanted.add(dep);
    for (const path of this.texts.keys()) if (this.isGlobal(path, afterProgram)) wanted.add(path);
    let program = previous;
    for (let i = 0; i < 10; i++) {
      if (!program || [...wanted].some((p) => !this.originalsInBefore.has(p))) {
        for (const p of wanted) this.originalsInBefore.add(p);
        program = this.buildProgram('before', program ?? afterProgram);
      }
      const beforeGraph = this.buildGraph(program);
      for (const file of files) for (const dep of this.dependencyOrder(beforeGraph, file)) if (this.texts.has(dep)) wanted.add(dep);
      if ([...wanted].every((p) => this.originalsInBefore.has(p))) break;
    }
    return program!;
  }

  /** The text of a working file in a state, or undefined for files that are read from disk. */
  private textIn(state: 'before' | 'after', path: string): string | undefined {
    const changed = this.texts.get(path);
    if (!changed) return this.unchanged.get(path);
    if (state === 'before' && this.originalsInBefore.has(path)) return changed.original;
    return this.reverted.has(path) ? changed.original : changed.after;
  }

  private sourceFileFor(
    state: 'before' | 'after',
    path: string,
    text: string,
    languageVersionOrOptions: ts.ScriptTarget | ts.CreateSourceFileOptions,
    project: ReturnType<ProjectUnit['getProject']>,
  ): ts.SourceFile {
    const optionsKey = state === 'after' && this.diskCacheAfter !== this.diskCache ? 'a' : 'b';
    const key = `${optionsKey}\0${path}`;
    const cached = this.parsedCache.get(key) ?? [];
    const found = cached.find((sf) => sf.text === text);
    if (found) return found;
    const sf =
      reusable(project.getSourceFile(path)?.compilerNode, text, languageVersionOrOptions) ??
      ts.createSourceFile(path, text, languageVersionOrOptions, true);
    this.parsedCache.set(key, [...cached, sf]);
    return sf;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Dependencies

  private buildGraph(program: ts.Program): Graph {
    const graph: Graph = { files: new Set(), deps: new Map(), importers: new Map() };
    for (const sf of program.getSourceFiles()) {
      if (program.isSourceFileDefaultLibrary(sf) || program.isSourceFileFromExternalLibrary(sf) || sf.fileName.includes('/node_modules/')) continue;
      graph.files.add(sf.fileName);
    }
    for (const path of graph.files) {
      const sf = program.getSourceFile(path)!;
      const deps = dependenciesOf(program, sf).filter((d) => graph.files.has(d));
      graph.deps.set(path, deps);
      for (const dep of deps) {
        let set = graph.importers.get(dep);
        if (!set) graph.importers.set(dep, (set = new Set()));
        set.add(path);
      }
    }
    return graph;
  }

  /** The seeds and every file that depends on them, transitively; every project file if a seed is global. */
  private affected(graph: Graph, seeds: readonly string[], program: ts.Program): Set<string> {
    if (seeds.some((s) => this.isGlobal(s, program))) return new Set(graph.files);
    const out = new Set<string>();
    const queue = seeds.filter((s) => graph.files.has(s));
    for (const s of queue) out.add(s);
    while (queue.length) {
      for (const importer of graph.importers.get(queue.pop()!) ?? []) {
        if (!out.has(importer)) {
          out.add(importer);
          queue.push(importer);
        }
      }
    }
    return out;
  }

  /**
   * Whether a changed file contributes to the global scope (a script, `declare global`, an ambient or
   * augmenting `declare module`) in either of its texts: then any project file may depend on it.
   */
  private isGlobal(path: string, program: ts.Program): boolean {
    const sf = program.getSourceFile(path);
    if (sf && !isModuleFile(sf)) return true;
    const texts = this.texts.get(path);
    return [texts?.original, texts?.after, sf?.text].some((text) => text !== undefined && declaresGlobals(text));
  }

  /** The file and its dependencies, nearest first (breadth-first). */
  private dependencyOrder(graph: Graph, path: string): string[] {
    const seen = new Set([path]);
    const order = [path];
    for (let i = 0; i < order.length; i++) {
      for (const dep of graph.deps.get(order[i]!) ?? []) {
        if (!seen.has(dep)) {
          seen.add(dep);
          order.push(dep);
        }
      }
    }
    return order;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Comparison and blame

  /** The after-diagnostics of a file that have no counterpart among its before-diagnostics. */
  private newDiagnostics(path: string, after: readonly Diag[], before: readonly Diag[]): Diag[] {
    const hunks = this.kept.has(path) ? this.hunks(path) : [];
    const unmatched = [...before];
    const fresh: Diag[] = [];
    const take = (predicate: (b: Diag) => boolean): boolean => {
      const index = unmatched.findIndex(predicate);
      if (index < 0) return false;
      unmatched.splice(index, 1);
      return true;
    };
    const pending: Diag[] = [];
    // Exact matches first, so that a looser match cannot take a before-diagnostic another one maps to.
    for (const a of after) {
      if (!take((b) => b.code === a.code && b.message === a.message && samePosition(hunks, b, a))) pending.push(a);
    }
    for (const a of pending) {
      const matched =
        take((b) => b.code === a.code && b.message === a.message && sameHunk(hunks, b, a)) ||
        take((b) => b.code === a.code && b.message === a.message && b.lineText.trim() !== '' && b.lineText.trim() === a.lineText.trim());
      if (!matched) fresh.push(a);
    }
    return fresh;
  }

  private blame(program: ts.Program, graph: Graph, chain: readonly string[], d: Diag): Blame | undefined {
    const inChain = new Set(chain);
    // 1. The file's own edit, on the line of the error.
    if (this.kept.has(d.path)) {
      const hunk = this.hunks(d.path).find((h) => containsLine(h, d.line));
      if (hunk) return { file: d.path, hunk, sure: true };
    }
    // 2. An edit in the file that declares what the error is about (an import, a called function, a
    //    type), when that edit touches the declaration or a name the error mentions.
    //    The file itself counts too: an edited local declaration used further down.
    const sf = program.getSourceFile(d.path);
    const linked: string[] = [];
    if (sf) {
      for (const { file, declaration } of referencedFiles(program, sf, d)) {
        if (this.kept.has(file) && (file === d.path || inChain.has(file) || this.isGlobal(file, program))) {
          const hunk = this.relatedHunk(file, d, sf, declaration);
          if (hunk) return { file, hunk, sure: true };
          if (file !== d.path) linked.push(file);
        }
      }
    }
    // Guesses: 3. an edited file the error refers to, else the nearest edited dependency (a changed
    //    type guard or return type shows up away from any import); 4. the file's own edit elsewhere
    //    in it; 5. any edited file that declares globals.
    const dependency = linked[0] ?? chain.find((p) => p !== d.path && this.kept.has(p));
    if (dependency) return { file: dependency, hunk: this.hunkFor(dependency, d), sure: false };
    if (this.kept.has(d.path)) return { file: d.path, hunk: nearestHunk(this.hunks(d.path), d.line), sure: false };
    const global = [...this.kept].find((p) => graph.files.has(p) && this.isGlobal(p, program));
    if (global) return { file: global, hunk: this.hunkFor(global, d), sure: false };
    return undefined;
  }

  /**
   * The edit in `file` that an error in `sf` is about, if one is: it overlaps the declaration the error
   * refers to, or its lines mention a name that the error message quotes or that the error spans.
   */
  private relatedHunk(file: string, d: Diag, sf: ts.SourceFile, declaration?: { start: number; end: number }): Hunk | undefined {
    const hunks = this.hunks(file);
    const texts = this.texts.get(file)!;
    if (declaration) {
      const first = lineOf(texts.after, declaration.start);
      const last = lineOf(texts.after, declaration.end);
      const hunk = hunks.find((h) => h.newStart <= last && (h.newEnd > first || (h.newStart === h.newEnd && h.newStart >= first)));
      if (hunk) return hunk;
    }
    const spanned = sf.text.slice(d.start, d.start + d.length);
    const names = [...d.message.matchAll(/'([A-Za-z_$][\w$]*)'/g)].map((m) => m[1]!);
    if (/^[A-Za-z_$][\w$]*$/.test(spanned)) names.push(spanned);
    return this.hunkMentioning(file, names);
  }

  /** The edit in `file` that an error elsewhere is most likely about (for guesses). */
  private hunkFor(file: string, d: Diag): Hunk | undefined {
    return this.hunkMentioning(file, [...d.message.matchAll(/'([A-Za-z_$][\w$]*)'/g)].map((m) => m[1]!)) ?? this.hunks(file)[0];
  }

  private hunkMentioning(file: string, names: readonly string[]): Hunk | undefined {
    const hunks = this.hunks(file);
    const texts = this.texts.get(file)!;
    if (names.length) {
      const oldLines = texts.original.split('\n');
      const newLines = texts.after.split('\n');
      const mentions = (lines: string[], from: number, to: number): boolean =>
        lines.slice(from, to).some((line) => names.some((n) => new RegExp(`(^|[^\\w$])${n.replace(/\$/g, '\\$')}([^\\w$]|$)`).test(line)));
      return hunks.find((h) => mentions(oldLines, h.oldStart, h.oldEnd) || mentions(newLines, h.newStart, h.newEnd));
    }
    return undefined;
  }

  private hunks(path: string): Hunk[] {
    let hunks = this.hunkCache.get(path);
    if (!hunks) {
      const texts = this.texts.get(path);
      hunks = texts ? lineHunks(texts.original, texts.after) : [];
      this.hunkCache.set(path, hunks);
    }
    return hunks;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Output

  private revertedResult(path: string, info: Reverted): FileResult {
    const result = this.byPath.get(path)!;
    const texts = this.texts.get(path)!;
    const count = info.diags.length;
    const where = [...new Set(info.diags.map((d) => this.show(d.path)))];
    const by = result.transforms.length ? ` by ${result.transforms.join(', ')}` : '';
    const edit = info.hunk ? `the edit at line ${info.hunk.oldStart + 1}${by} (${describeHunk(info.hunk, texts.original, texts.after)})` : `its edits${by}`;
    const because = info.after.length ? `, once ${info.after.map((p) => this.show(p)).join(', ')} had been reverted` : '';
    return {
      ...result,
      status: 'reverted',
      after: result.before,
      bom: result.originalBom ?? result.bom,
      attemptedAfter: result.after,
      diagnostics: info.diags.map((d): Diagnostic => ({ path: this.show(d.path), line: d.line + 1, column: d.column + 1, code: d.code, message: d.message })),
      reason: `${edit} adds ${count} type error${count === 1 ? '' : 's'} in ${where.join(', ')}${because}`,
    };
  }

  private show(path: string): string {
    return displayPath(this.settings.cwd, path);
  }

  private note(message: string): void {
    this.settings.notes?.push({ transform: 'verify', message });
  }

  private time(step: string, since: number): number {
    const now = performance.now();
    this.stats.ms[step] = (this.stats.ms[step] ?? 0) + (now - since);
    return now;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Helpers (pure)

/** The compiler options of a tsconfig text that a transform proposed. */
function parseEditedOptions(configPath: string, text: string): ts.CompilerOptions {
  const json = ts.parseJsonText(configPath, text);
  return ts.parseJsonSourceFileConfigFileContent(json, ts.sys, dirname(configPath), undefined, configPath).options;
}

/** Whether two option sets parse source files the same way (so syntax trees can be shared). */
function sameParseOptions(a: ts.CompilerOptions, b: ts.CompilerOptions): boolean {
  const keys = ['target', 'module', 'moduleResolution', 'moduleDetection', 'jsx', 'allowJs', 'checkJs', 'lib', 'types', 'typeRoots'] as const;
  return keys.every((k) => JSON.stringify(a[k]) === JSON.stringify(b[k]));
}

/**
 * A syntax tree the ts-morph Project already holds, if it has the wanted text and can stand for a fresh
 * parse: ts-morph parses with the target only, so source files that are not modules by their syntax
 * (where moduleDetection could decide otherwise) are parsed again.
 */
function reusable(sf: ts.SourceFile | undefined, text: string | undefined, options: ts.ScriptTarget | ts.CreateSourceFileOptions): ts.SourceFile | undefined {
  if (!sf || (text !== undefined && sf.text !== text) || !(sf.isDeclarationFile || ts.isExternalModule(sf))) return undefined;
  if (typeof options === 'object') {
    if (sf.languageVersion !== options.languageVersion) return undefined;
    const mutable = sf as { impliedNodeFormat?: ts.ResolutionMode };
    if (mutable.impliedNodeFormat === undefined) mutable.impliedNodeFormat = options.impliedNodeFormat;
    else if (mutable.impliedNodeFormat !== options.impliedNodeFormat) return undefined;
  }
  return sf;
}

/** Errors of one file in a program: syntactic, semantic, and declaration ones when declarations are emitted (as tsc reports them). */
function diagnosticsOf(program: ts.Program, path: string, options: ts.CompilerOptions): Diag[] {
  const sf = program.getSourceFile(path);
  if (!sf) return [];
  const all: ts.Diagnostic[] = [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)];
  if ((options.declaration || options.composite) && !all.some((d) => d.category === ts.DiagnosticCategory.Error)) {
    all.push(...program.getDeclarationDiagnostics(sf));
  }
  const out: Diag[] = [];
  for (const d of all) {
    if (d.category !== ts.DiagnosticCategory.Error || !d.file || d.start === undefined) continue;
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    const lineStart = d.file.getPositionOfLineAndCharacter(line, 0);
    const lineEnd = d.file.text.indexOf('\n', lineStart);
    out.push({
      path: resolve(d.file.fileName),
      start: d.start,
      length: d.length ?? 0,
      code: d.code,
      message: ts.flattenDiagnosticMessageText(d.messageText, '\n'),
      line,
      column: character,
      lineText: d.file.text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd).replace(/\r$/, ''),
    });
  }
  return out;
}

type ProgramInternals = ts.Program & {
  getResolvedModuleFromModuleSpecifier?(specifier: ts.StringLiteralLike, sf: ts.SourceFile): { resolvedModule?: { resolvedFileName: string } } | undefined;
};

function resolveSpecifier(program: ts.Program, specifier: ts.StringLiteralLike, sf: ts.SourceFile): string | undefined {
  const internals = program as ProgramInternals;
  const resolved = internals.getResolvedModuleFromModuleSpecifier?.(specifier, sf)?.resolvedModule?.resolvedFileName;
  if (resolved) return resolve(resolved);
  const mode = program.getModeForUsageLocation(sf, specifier);
  const fallback = ts.resolveModuleName(specifier.text, sf.fileName, program.getCompilerOptions(), ts.sys, undefined, undefined, mode).resolvedModule;
  return fallback ? resolve(fallback.resolvedFileName) : undefined;
}

/** The files a source file depends on: imports, exports, import types, dynamic imports, `/// <reference path>`. */
function dependenciesOf(program: ts.Program, sf: ts.SourceFile): string[] {
  const out: string[] = [];
  const internal = sf as ts.SourceFile & { imports?: readonly ts.StringLiteralLike[]; moduleAugmentations?: readonly (ts.StringLiteral | ts.Identifier)[] };
  for (const specifier of internal.imports ?? []) {
    const resolved = resolveSpecifier(program, specifier, sf);
    if (resolved) out.push(resolved);
  }
  for (const augmentation of internal.moduleAugmentations ?? []) {
    if (ts.isStringLiteral(augmentation)) {
      const resolved = resolveSpecifier(program, augmentation, sf);
      if (resolved) out.push(resolved);
    }
  }
  for (const reference of sf.referencedFiles) {
    const base = resolve(dirname(sf.fileName), reference.fileName);
    const found = [base, `${base}.ts`, `${base}.d.ts`, `${base}.tsx`].find((candidate) => program.getSourceFile(candidate));
    if (found) out.push(found);
  }
  return out;
}

function isModuleFile(sf: ts.SourceFile): boolean {
  return ts.isExternalModule(sf) || (sf as { commonJsModuleIndicator?: unknown }).commonJsModuleIndicator !== undefined;
}

function declaresGlobals(text: string): boolean {
  return /\bdeclare\s+(?:global\b|module\s*['"])/.test(text) || !/^\s*(?:import|export)\b/m.test(text);
}

/**
 * The files that declare what an error is about: the module of the import/export it sits in, the
 * declarations of the names in its span, of the function being called and of the declared type.
 * `declaration` is the range of the declaration in that file, when one was found.
 */
function referencedFiles(program: ts.Program, sf: ts.SourceFile, d: Diag): Array<{ file: string; declaration?: { start: number; end: number } }> {
  const checker = program.getTypeChecker();
  const out: Array<{ file: string; declaration?: { start: number; end: number } }> = [];
  const addSymbol = (symbol: ts.Symbol | undefined): void => {
    for (let s = symbol, i = 0; s && i < 8; i++) {
      for (const decl of s.declarations ?? []) out.push({ file: resolve(decl.getSourceFile().fileName), declaration: { start: decl.getStart(), end: decl.end } });
      if (!(s.flags & ts.SymbolFlags.Alias)) break;
      try {
        s = checker.getImmediateAliasedSymbol(s);
      } catch {
        break;
      }
    }
  };
  const addNames = (node: ts.Node, from: number, to: number): void => {
    const visit = (n: ts.Node): void => {
      if (n.end < from || n.pos > to) return;
      try {
        if (ts.isIdentifier(n) || ts.isPrivateIdentifier(n)) addSymbol(checker.getSymbolAtLocation(n));
        if (ts.isPropertyAccessExpression(n)) addSymbol(checker.getTypeAtLocation(n.expression).getSymbol());
      } catch {
        // a node the checker cannot answer for: look at the others
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  };
  const node = nodeAt(sf, d.start);
  addNames(node, d.start, d.start + Math.max(d.length, 1));
  for (let n: ts.Node | undefined = node; n && n !== sf; n = n.parent) {
    if ((ts.isImportDeclaration(n) || ts.isExportDeclaration(n)) && n.moduleSpecifier && ts.isStringLiteralLike(n.moduleSpecifier)) {
      const file = resolveSpecifier(program, n.moduleSpecifier, sf);
      if (file) out.push({ file });
    } else if (ts.isImportEqualsDeclaration(n) && ts.isExternalModuleReference(n.moduleReference) && ts.isStringLiteralLike(n.moduleReference.expression)) {
      const file = resolveSpecifier(program, n.moduleReference.expression, sf);
      if (file) out.push({ file });
    } else if (ts.isCallExpression(n) || ts.isNewExpression(n) || ts.isDecorator(n)) {
      addNames(n.expression, n.expression.pos, n.expression.end);
    } else if (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isPropertyDeclaration(n)) {
      if (n.type) addNames(n.type, n.type.pos, n.type.end);
      const init = n.initializer;
      if (init && (ts.isCallExpression(init) || ts.isNewExpression(init))) addNames(init.expression, init.expression.pos, init.expression.end);
    } else if (ts.isJsxOpeningLikeElement(n)) {
      addNames(n.tagName, n.tagName.pos, n.tagName.end);
    }
  }
  return out;
}

/** The innermost node at an offset. */
function nodeAt(sf: ts.SourceFile, offset: number): ts.Node {
  let node: ts.Node = sf;
  for (;;) {
    const child: ts.Node | undefined = ts.forEachChild(node, (c) => (c.getStart(sf) <= offset && offset < c.end ? c : undefined));
    if (!child) return node;
    node = child;
  }
}

/** The edited line ranges between two texts (line diff, common prefix and suffix trimmed first). */
export function lineHunks(before: string, after: string): Hunk[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const hunks: Hunk[] = [];
  let oldLine = prefix;
  let newLine = prefix;
  let open: Hunk | undefined;
  for (const change of diffArrays(a.slice(prefix, a.length - suffix), b.slice(prefix, b.length - suffix))) {
    const count = change.value.length;
    if (!change.added && !change.removed) {
      open = undefined;
      oldLine += count;
      newLine += count;
      continue;
    }
    if (!open) hunks.push((open = { oldStart: oldLine, oldEnd: oldLine, newStart: newLine, newEnd: newLine }));
    if (change.removed) open.oldEnd = oldLine += count;
    else open.newEnd = newLine += count;
  }
  return hunks;
}

/** Where an original line is in the new text: the same line shifted, or inside an edited hunk. */
function mapLine(hunks: readonly Hunk[], line: number): { line: number } | { hunk: Hunk } {
  let shift = 0;
  for (const h of hunks) {
    if (line < h.oldStart) break;
    if (line < h.oldEnd) return { hunk: h };
    shift = h.newEnd - h.oldEnd;
  }
  return { line: line + shift };
}

function samePosition(hunks: readonly Hunk[], before: Diag, after: Diag): boolean {
  const mapped = mapLine(hunks, before.line);
  return 'line' in mapped && mapped.line === after.line && before.column === after.column;
}

function sameHunk(hunks: readonly Hunk[], before: Diag, after: Diag): boolean {
  const mapped = mapLine(hunks, before.line);
  return 'hunk' in mapped && containsLine(mapped.hunk, after.line);
}

/** Whether a line of the new text is one of the hunk's new lines (or next to a deletion). */
function containsLine(h: Hunk, line: number): boolean {
  if (h.newStart === h.newEnd) return line === h.newStart || line === h.newStart - 1;
  return line >= h.newStart && line < h.newEnd;
}

function nearestHunk(hunks: readonly Hunk[], line: number): Hunk | undefined {
  let best: Hunk | undefined;
  let distance = Infinity;
  for (const h of hunks) {
    const d = line < h.newStart ? h.newStart - line : line >= h.newEnd ? line - h.newEnd + 1 : 0;
    if (d < distance) {
      best = h;
      distance = d;
    }
  }
  return best;
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function describeHunk(h: Hunk, before: string, after: string): string {
  const first = (text: string, from: number, to: number): string | undefined =>
    text.split('\n').slice(from, to).map((l) => l.trim()).find((l) => l !== '');
  const quote = (line: string | undefined): string => (line === undefined ? '' : JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line));
  const removed = first(before, h.oldStart, h.oldEnd);
  const added = first(after, h.newStart, h.newEnd);
  if (removed === undefined) return `adds ${quote(added) || 'lines'}`;
  if (added === undefined) return `removes ${quote(removed)}`;
  return `${quote(removed)} → ${quote(added)}`;
}

function diagKey(d: Diag): string {
  return `${d.path}:${d.line}:${d.column}:${d.code}:${d.message}`;
}
