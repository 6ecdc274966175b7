// Browsers have no Node 'os'; adaptive-expressions reads only os.EOL (its eol() function).
module.exports = { EOL: '\n' };
