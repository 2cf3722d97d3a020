/**
 * The {@code shoal} operator command ({@link io.shoal.admin.ShoalCli}); subcommands live in
 * {@code io.shoal.admin.cluster}, process management in {@code io.shoal.admin.local}.
 */
package io.shoal.admin;
