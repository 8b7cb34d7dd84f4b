/** Reading topics, every partition: parsed change events, raw records, topic administration. */
package io.github.cdcverify.consume;
