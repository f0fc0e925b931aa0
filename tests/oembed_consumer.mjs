// An oEmbed consumer as portals run one: @extractus/oembed-extractor (pinned in package.json) finds the
// answer of the address given through the page's discovery link and fetches it. Prints it as JSON.
import { extract } from "@extractus/oembed-extractor";

const answer = await extract(process.argv[2]);
process.stdout.write(JSON.stringify(answer));
