// Tests call mail templates, data modules and routes directly: give them every text, as the server has.
import "~/i18n/messages/organiser-bundles";
import "~/i18n/messages/stallholder-bundles";
import "~/i18n/messages/seo-bundle";
