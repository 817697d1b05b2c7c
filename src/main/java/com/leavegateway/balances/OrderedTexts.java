package com.leavegateway.balances;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

/**
 * Localized texts by language tag, unmodifiable, in Feishu's order (the order the JSON
 * answer lists them in), as one array of tags and texts: a few dozen bytes where a
 * {@code LinkedHashMap} takes a few hundred.
 */
final class OrderedTexts extends AbstractMap<String, String> {

	/** tag, text, tag, text... */
	private final String[] tagsAndTexts;

	private OrderedTexts(String[] tagsAndTexts) {
		this.tagsAndTexts = tagsAndTexts;
	}

	/**
	 * {@code texts} in their iteration order, each string replaced by {@code intern}'s
	 * instance.
	 */
	static OrderedTexts of(Map<String, String> texts, UnaryOperator<String> intern) {
		String[] tagsAndTexts = new String[texts.size() * 2];
		int i = 0;
		for (Map.Entry<String, String> text : texts.entrySet()) {
			tagsAndTexts[i++] = intern.apply(text.getKey());
			tagsAndTexts[i++] = intern.apply(text.getValue());
		}
		return new OrderedTexts(tagsAndTexts);
	}

	/**
	 * Tags and texts in order, as a key that tells apart what map equality does not (the
	 * order, which the answer shows) and holds no reference to this map.
	 */
	List<String> inOrder() {
		return List.of(this.tagsAndTexts);
	}

	@Override
	public int size() {
		return this.tagsAndTexts.length / 2;
	}

	@Override
	public @Nullable String get(@Nullable Object tag) {
		for (int i = 0; i < this.tagsAndTexts.length; i += 2) {
			if (this.tagsAndTexts[i].equals(tag)) {
				return this.tagsAndTexts[i + 1];
			}
		}
		return null;
	}

	@Override
	public boolean containsKey(@Nullable Object tag) {
		return get(tag) != null;
	}

	@Override
	public Set<Map.Entry<String, String>> entrySet() {
		return new AbstractSet<>() {

			@Override
			public int size() {
				return OrderedTexts.this.size();
			}

			@Override
			public Iterator<Map.Entry<String, String>> iterator() {
				return new Iterator<>() {

					private int next;

					@Override
					public boolean hasNext() {
						return this.next < OrderedTexts.this.tagsAndTexts.length;
					}

					@Override
					public Map.Entry<String, String> next() {
						if (!hasNext()) {
							throw new NoSuchElementException();
						}
						String[] all = OrderedTexts.this.tagsAndTexts;
						Map.Entry<String, String> entry = new SimpleImmutableEntry<>(all[this.next],
								all[this.next + 1]);
						this.next += 2;
						return entry;
					}

				};
			}

		};
	}

}
