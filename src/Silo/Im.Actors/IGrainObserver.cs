namespace Im.Actors;

/// <summary>
/// Marker for observer interfaces: objects outside the grains (edge connections) that grains
/// push events to. Delivery is best-effort: an observer may vanish without notice, and a
/// push to it then fails with <see cref="ObserverGoneException"/>. Methods return a task.
/// </summary>
public interface IGrainObserver;
