/**
 * Lists exports that nothing imports: `npx tsx scripts/dead-exports.ts`.
 * Every source file of the app (main, preload, shared, renderer) is read in
 * one TypeScript language service together with the tests, benchmarks and
 * scripts; an export is reported when nothing refers to it at all, when only
 * its own file does (the `export` is what is dead), or when only tests do
 * (then it may be a seam for them, or dead code they keep alive). Exports in the reported list need a human look, not deletion by
 * rote: a public contract type can be meant for callers yet to come.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(import.meta.dirname, '..');
const APP = ['src-main', 'src-preload', 'src-shared', 'src-renderer/src'];
const USERS = ['test', 'bench', 'scripts'];

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : walk(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const appFiles = APP.flatMap((dir) => walk(join(ROOT, dir)));
const files = [...appFiles, ...USERS.flatMap((dir) => walk(join(ROOT, dir))), join(ROOT, 'src-renderer/src/global.d.ts')];
const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2023,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  jsx: ts.JsxEmit.ReactJSX,
  lib: ['lib.es2023.d.ts', 'lib.dom.d.ts', 'lib.dom.iterable.d.ts'],
  types: ['node'],
  strict: true,
  skipLibCheck: true,
  allowImportingTsExtensions: true,
  noEmit: true,
};
const host: ts.LanguageServiceHost = {
  getScriptFileNames: () => files,
  getScriptVersion: () => '1',
  getScriptSnapshot: (name) => {
    try {
      return ts.ScriptSnapshot.fromString(readFileSync(name, 'utf8'));
    } catch {
      return undefined;
    }
  },
  getCurrentDirectory: () => ROOT,
  getCompilationSettings: () => options,
  getDefaultLibFileName: ts.getDefaultLibFilePath,
  fileExists: ts.sys.fileExists,
  readFile: ts.sys.readFile,
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
};
const service = ts.createLanguageService(host);
const program = service.getProgram()!;
const isTest = (file: string) => relative(ROOT, file).startsWith('test/');

/** The name nodes of a file's own exports (declarations with `export`, and `export { a }` lists). */
function exportedNames(source: ts.SourceFile): ts.Identifier[] {
  const names: ts.Identifier[] = [];
  for (const statement of source.statements) {
    const exported = ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) if (ts.isIdentifier(element.name)) names.push(element.name);
    } else if (exported && ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.push(declaration.name);
    } else if (exported && 'name' in statement && statement.name && ts.isIdentifier(statement.name as ts.Node)) {
      names.push(statement.name as ts.Identifier);
    }
  }
  return names;
}

const unreferenced: string[] = [];
const unused: string[] = [];
const testOnly: string[] = [];
for (const file of appFiles) {
  const source = program.getSourceFile(file);
  if (!source) continue;
  for (const name of exportedNames(source)) {
    const references = (service.findReferences(file, name.getStart(source)) ?? []).flatMap((r) => r.references);
    const elsewhere = new Set(references.map((ref) => ref.fileName).filter((f) => f !== file));
    const where = `${relative(ROOT, file)}: ${name.text}`;
    if (references.every((ref) => ref.isDefinition)) unreferenced.push(where);
    else if (elsewhere.size === 0) unused.push(where);
    else if ([...elsewhere].every(isTest)) testOnly.push(where);
  }
}
console.log(`Referenced nowhere (${unreferenced.length}):\n  ${unreferenced.join('\n  ')}`);
console.log(`\nUsed only in their own file, exported for nothing (${unused.length}):\n  ${unused.join('\n  ')}`);
console.log(`\nImported by tests only (${testOnly.length}):\n  ${testOnly.join('\n  ')}`);
