/**
 * Getting PostgreSQL and a connector ready and removing them again: preflight checks, tables, slots, publications,
 * the catalog questions a check asks, and {@link io.github.cdcverify.setup.ConnectorCleanup}.
 */
package io.github.cdcverify.setup;
