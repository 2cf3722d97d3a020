/** Plain-text output shared by the CLI's commands (tables for {@code shoal status} and {@code shoal bench}). */
package io.shoal.admin.format;
