// SPDX-License-Identifier: GPL-3.0-or-later
//
// The load benchmark's other side: jsforce's Bulk API 2.0 loadAndWaitForResults on the same
// org and file as freight-cli (tests/bench/load/run.sh runs it under /usr/bin/time).
//
//   node load.js INSTANCE_URL ACCESS_TOKEN OBJECT FILE
//
// Prints one JSON line: jsforce's version and the counts of its three result sets.
'use strict';

const fs = require('fs');
const jsforce = require('jsforce');

async function main() {
  const [instanceUrl, accessToken, object, file] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node load.js INSTANCE_URL ACCESS_TOKEN OBJECT FILE');
    process.exit(2);
  }
  const conn = new jsforce.Connection({ instanceUrl, accessToken, version: '62.0' });
  const results = await conn.bulk2.loadAndWaitForResults({
    object,
    operation: 'insert',
    input: fs.createReadStream(file),
    pollInterval: 1000,
    pollTimeout: 3600 * 1000,
  });
  console.log(JSON.stringify({
    jsforce: jsforce.VERSION,
    succeeded: results.successfulResults.length,
    failed: results.failedResults.length,
    unprocessed: results.unprocessedRecords.length,
  }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
