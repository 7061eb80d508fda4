// The back office's texts. Imported by the organiser layout route, so every organiser page has them.
import { apply } from "./apply";
import { editor } from "./editor";
import { history } from "./history";
import { registerBundles } from "./index";
import { mail } from "./mail";
import { organiser } from "./organiser";
import { payments } from "./payments";
import { permit } from "./permit";
import { placement } from "./placement";
import { status } from "./status";

registerBundles({ apply, mail, editor, organiser, payments, status, history, permit, placement });
