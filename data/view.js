/* bilat report script (placeholder) */
