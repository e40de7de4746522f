// One piece of state per engine or data plane, made on first use and found again after: the
// engine's FIB, classifier, IOAM, M-Anycast and delay-simulator configuration all live this way.
export function onePer<Key extends object, Value>(make: (key: Key) => Value): (key: Key) => Value {
  const made = new WeakMap<Key, Value>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
