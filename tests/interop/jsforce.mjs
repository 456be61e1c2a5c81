// SPDX-License-Identifier: GPL-3.0-or-later
//
// jsforce's Bulk API 2.0 client against freight-local-org. Prints TAP; every check looks
// at records in the org or at bytes the client got back.
//
// usage: node jsforce.mjs NODE_MODULES_DIR INSTANCE_URL ACCESS_TOKEN
import { createRequire } from 'node:module';

const [modules, instanceUrl, accessToken] = process.argv.slice(2);
const require = createRequire(modules + '/');
const jsforce = require('jsforce');

const conn = new jsforce.Connection({ instanceUrl, accessToken, version: '62.0' });
const poll = { pollInterval: 200, pollTimeout: 120000 };
let n = 0;
let failed = 0;

function check(name, ok, detail) {
  n++;
  if (ok) {
    console.log(`ok ${n} - ${name}`);
  } else {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    if (detail !== undefined) console.log(`# ${JSON.stringify(detail)}`);
  }
}

async function count(soql) {
  const r = await conn.query(soql);
  return r.totalSize;
}

async function run() {
  // insert, some rows failing
  const contacts = [];
  for (let i = 0; i < 20; i++)
    contacts.push({ LastName: i % 7 === 3 ? null : `JsInsert ${i}`, Department: `D${i}` });
  const inserted = await conn.bulk2.loadAndWaitForResults({
    object: 'Contact', operation: 'insert', input: contacts, ...poll });
  check('insert: 17 rows succeed', inserted.successfulResults.length === 17,
        inserted.successfulResults.length);
  check('insert: successful rows carry an id and sf__Created=true',
        inserted.successfulResults.every((r) => /^003\w{15}$/.test(r.sf__Id)
                                           && r.sf__Created === 'true'),
        inserted.successfulResults[0]);
  check('insert: 3 rows fail with the real error text',
        inserted.failedResults.length === 3 && inserted.failedResults.every(
          (r) => r.sf__Error === 'REQUIRED_FIELD_MISSING:Required fields are missing: '
                                + '[LastName]:LastName --' && r.sf__Id === ''),
        inserted.failedResults);
  check('insert: no unprocessed rows', inserted.unprocessedRecords.length === 0);
  check('insert: the org holds the 17 contacts',
        await count("SELECT Id FROM Contact WHERE LastName LIKE 'JsInsert%'") === 17);

  // upsert by external ID: create, then update one and create one
  const first = await conn.bulk2.loadAndWaitForResults({
    object: 'Invoice__c', operation: 'upsert', externalIdFieldName: 'External_Id__c',
    input: [
      { External_Id__c: 'JS-1', Amount__c: 100, Invoice_Date__c: '2024-01-01' },
      { External_Id__c: 'JS-2', Amount__c: 912260031, Invoice_Date__c: '2024-01-02' },
    ], ...poll });
  check('upsert: both rows created', first.successfulResults.length === 2
        && first.successfulResults.every((r) => r.sf__Created === 'true'), first);
  check('upsert: a double echoes as the platform normalizes it',
        first.successfulResults.some((r) => r.Amount__c === '9.12260031E8'),
        first.successfulResults);
  const second = await conn.bulk2.loadAndWaitForResults({
    object: 'Invoice__c', operation: 'upsert', externalIdFieldName: 'External_Id__c',
    input: [
      // jsforce takes the CSV columns from the first record's keys.
      { External_Id__c: 'JS-1', Amount__c: 150, Invoice_Date__c: '2024-01-01' },
      { External_Id__c: 'JS-3', Amount__c: 300, Invoice_Date__c: '2024-01-03' },
    ], ...poll });
  const byKey = Object.fromEntries(second.successfulResults.map((r) => [r.External_Id__c, r]));
  check('upsert: the existing row is updated, the new one created',
        byKey['JS-1']?.sf__Created === 'false' && byKey['JS-3']?.sf__Created === 'true',
        { byKey, failed: second.failedResults });
  const js1 = await conn.query("SELECT Amount__c, Invoice_Date__c FROM Invoice__c "
                               + "WHERE External_Id__c = 'JS-1'");
  check('upsert: the org has the new amount',
        js1.records[0].Amount__c === 150 && js1.records[0].Invoice_Date__c === '2024-01-01',
        js1.records);

  // delete
  const ids = inserted.successfulResults.map((r) => ({ Id: r.sf__Id }));
  const deleted = await conn.bulk2.loadAndWaitForResults({
    object: 'Contact', operation: 'delete', input: ids, ...poll });
  check('delete: 17 rows succeed with sf__Created=false', deleted.successfulResults.length === 17
        && deleted.successfulResults.every((r) => r.sf__Created === 'false'),
        deleted.failedResults);
  check('delete: the contacts are gone from query',
        await count("SELECT Id FROM Contact WHERE LastName LIKE 'JsInsert%'") === 0);
  const bin = await conn.query("SELECT Id, IsDeleted FROM Contact WHERE LastName LIKE "
                               + "'JsInsert%'", { scanAll: true });
  check('delete: queryAll finds them in the recycle bin',
        bin.totalSize === 17 && bin.records.every((r) => r.IsDeleted === true), bin.totalSize);

  // query
  const leads = [];
  for (let i = 0; i < 3000; i++)
    leads.push({ LastName: `JsQuery ${String(i).padStart(4, '0')}`, Company: 'Query Co' });
  const loaded = await conn.bulk2.loadAndWaitForResults({
    object: 'Lead', operation: 'insert', input: leads, ...poll });
  check('query: 3000 leads loaded', loaded.successfulResults.length === 3000);
  const stream = await conn.bulk2.query(
    "SELECT LastName, Company, IsConverted FROM Lead WHERE Company = 'Query Co' "
    + 'ORDER BY LastName', poll);
  const records = await stream.toArray();
  check('query: every row comes back', records.length === 3000, records.length);
  check('query: values as the Bulk API writes them',
        records[0].LastName === 'JsQuery 0000' && records[2999].LastName === 'JsQuery 2999'
        && records[0].IsConverted === 'false' && records[0].Company === 'Query Co',
        [records[0], records[2999]]);
}

try {
  await run();
} catch (err) {
  check('jsforce raised no error', false, String(err && err.stack || err));
}
console.log(`1..${n}`);
process.exit(failed > 0 ? 1 : 0);
