// Preloaded (node -r) into a child process a test measures: prints its peak resident memory as it exits.
process.on('exit', () => process.stderr.write(`max-rss-kb ${process.resourceUsage().maxRSS}\n`))
