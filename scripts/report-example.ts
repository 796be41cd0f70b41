// Writes the example report README.md shows: docs/report-example.png and
// docs/report-example.md. Run `npm run docs:report` after changing how a
// report looks, and paste the Markdown into README.md.

import { writeFileSync } from 'node:fs';
import { exampleReport } from './example-report.js';

const { markdown, png } = exampleReport();
writeFileSync(new URL('../docs/report-example.png', import.meta.url), png);
writeFileSync(new URL('../docs/report-example.md', import.meta.url), markdown);
console.log('wrote docs/report-example.png and docs/report-example.md');
