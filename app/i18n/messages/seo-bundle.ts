// The public pages' descriptions. Only the server needs them (loaders send the page's one sentence).
import { registerBundles } from "./index";
import { seo } from "./seo";

registerBundles({ seo });
