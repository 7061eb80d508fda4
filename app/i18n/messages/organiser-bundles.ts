// The back office's texts. Imported by the organiser layout route, so every organiser page has them.
import { apply } from "./apply";
import { editor } from "./editor";
import { registerBundles } from "./index";
import { mail } from "./mail";
import { organiser } from "./organiser";
import { payments } from "./payments";
import { placement } from "./placement";
import { status } from "./status";

registerBundles({ apply, mail, editor, organiser, payments, status, placement });
