// Lines per file and per function in src/, counted with the TypeScript
// compiler's own parse (a function is any function, method, accessor or
// arrow; its lines run from its first token to its closing one, comments
// inside included). `--check` fails when a file passes MAX_FILE_LINES or a
// function MAX_FUNCTION_LINES, unless it is a known offender below no larger
// than it was when listed: they may shrink, never grow.

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const MAX_FILE_LINES = 400;
const MAX_FUNCTION_LINES = 80;

/** Known offenders, with their size when listed (lines): none now; one added here may only shrink. */
const KNOWN = {};

function* files(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* files(path);
    else if (entry.name.endsWith('.ts')) yield path;
  }
}

const isFunction = (node) =>
  ts.isFunctionDeclaration(node) ||
  ts.isMethodDeclaration(node) ||
  ts.isArrowFunction(node) ||
  ts.isFunctionExpression(node) ||
  ts.isConstructorDeclaration(node) ||
  ts.isGetAccessor(node) ||
  ts.isSetAccessor(node);

function nameOf(node, source) {
  if (node.name) return node.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)))
    return parent.name.getText(source);
  return '(anonymous)';
}

export function measure(root = 'src') {
  const rows = [];
  for (const path of files(root)) {
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true);
    const file = relative(process.cwd(), path);
    rows.push({
      kind: 'file',
      file,
      name: '',
      lines: source.getLineAndCharacterOfPosition(text.length).line + (text.endsWith('\n') ? 0 : 1),
    });
    const visit = (node) => {
      if (isFunction(node)) {
        const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
        const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
        rows.push({ kind: 'function', file, name: nameOf(node, source), lines: end - start + 1, line: start + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return rows;
}

const rows = measure();
const over = rows.filter((r) => r.lines > (r.kind === 'file' ? MAX_FILE_LINES : MAX_FUNCTION_LINES));
const key = (r) => (r.kind === 'file' ? r.file : `${r.file}:${r.name}`);
if (process.argv.includes('--check')) {
  const failures = over.filter((r) => !(key(r) in KNOWN) || r.lines > KNOWN[key(r)]);
  for (const r of failures) {
    const limit = KNOWN[key(r)] ?? (r.kind === 'file' ? MAX_FILE_LINES : MAX_FUNCTION_LINES);
    console.error(`${key(r)}${r.line ? ` (line ${r.line})` : ''}: ${r.lines} lines, over ${limit}`);
  }
  if (failures.length > 0) process.exit(1);
  const known = over.length > 0 ? `, but ${over.length} known offenders no larger than listed` : '';
  console.log(`✔ no file over ${MAX_FILE_LINES} lines, no function over ${MAX_FUNCTION_LINES}${known}`);
} else {
  const functions = rows.filter((r) => r.kind === 'function').sort((a, b) => b.lines - a.lines);
  const fileRows = rows.filter((r) => r.kind === 'file').sort((a, b) => b.lines - a.lines);
  console.log(
    `${fileRows.length} files, ${rows.filter((r) => r.kind === 'file').reduce((n, r) => n + r.lines, 0)} lines; ${functions.length} functions`,
  );
  console.log('largest files:');
  for (const r of fileRows.slice(0, 10)) console.log(`  ${r.lines}\t${r.file}`);
  console.log('largest functions:');
  for (const r of functions.slice(0, 10)) console.log(`  ${r.lines}\t${r.file}:${r.line} ${r.name}`);
}
