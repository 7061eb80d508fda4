// The texts of the apply flow and the stallholder's private pages. Imported by those routes.
import { apply } from "./apply";
import { registerBundles } from "./index";
import { mail } from "./mail";
import { payments } from "./payments";

registerBundles({ apply, mail, payments });
