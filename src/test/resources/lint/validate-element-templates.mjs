#!/usr/bin/env node
// Validates Camunda 8 (Zeebe) element templates against the JSON schema of
// @camunda/zeebe-element-templates-json-schema, through @bpmn-io/element-templates-validator
// (the validator Camunda Modeler itself uses). Part of `npm run lint`, which `mvn verify` runs.
//
//   node src/test/resources/lint/validate-element-templates.mjs [file.json ...]
//
// Without arguments it checks every *.json file in element-templates/. A file holds one
// template or an array of templates. Exits 1 and prints each problem when one is invalid.

import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { validateZeebe, getZeebeSchemaVersion } from '@bpmn-io/element-templates-validator';

const ZEEBE_SCHEMA = 'https://unpkg.com/@camunda/zeebe-element-templates-json-schema/resources/schema.json';
const DIRECTORY = 'element-templates';

const files = process.argv.length > 2
  ? process.argv.slice(2)
  : readdirSync(DIRECTORY).filter(name => name.endsWith('.json')).sort().map(name => join(DIRECTORY, name));

if (files.length === 0) {
  console.error(`No element templates found in ${DIRECTORY}/`);
  process.exit(1);
}

const problems = [];
const seen = new Map();
let count = 0;

for (const file of files) {
  const where = relative(process.cwd(), file);
  let parsed;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf-8'));
  } catch (error) {
    problems.push(`${where}: not valid JSON: ${error.message}`);
    continue;
  }

  const templates = Array.isArray(parsed) ? parsed : [ parsed ];

  templates.forEach((template, index) => {
    count++;
    const label = `${where}${Array.isArray(parsed) ? `[${index}]` : ''} (${template && template.id || 'no id'})`;

    // Camunda 8 templates must name the Zeebe schema: Modeler uses it to tell them from Camunda 7 ones.
    if (!template || typeof template.$schema !== 'string' || !template.$schema.startsWith(ZEEBE_SCHEMA.replace('/resources/schema.json', ''))) {
      problems.push(`${label}: $schema must be ${ZEEBE_SCHEMA}`);
    }

    const { valid, errors = [] } = validateZeebe(template);
    if (!valid) {
      for (const error of errors) {
        const path = error.dataPath || error.instancePath || '';
        problems.push(`${label}: ${path || '/'} ${error.message}`);
      }
    }

    const key = `${template && template.id}@${template && template.version}`;
    if (seen.has(key)) {
      problems.push(`${label}: id and version ${key} already used by ${seen.get(key)}`);
    } else {
      seen.set(key, label);
    }
  });
}

if (problems.length) {
  console.error(`\nElement templates invalid (Zeebe element templates schema ${getZeebeSchemaVersion()}):`);
  for (const problem of problems) {
    console.error(`  ${problem}`);
  }
  console.error(`\n✖ ${problems.length} problem(s) in ${files.length} file(s)`);
  process.exit(1);
}

console.log(`${count} element template(s) in ${files.length} file(s) valid against the Zeebe element templates schema ${getZeebeSchemaVersion()}`);
