/// <reference lib="dom" />
/**
 * A view of the VS Code extension (extension/webview/) in an iframe of the playground: its
 * messages are taken only from that frame and only when the protocol's check accepts them, and
 * messages to it wait until it has said 'ready'. The frame loads its page only once the host
 * listens, so that its 'ready' cannot go unheard.
 */

/** One webview page in a frame, with the page as its host. */
export class Frame<In extends { type: string }, Out> {
    private ready = false;
    private readonly queue: Out[] = [];

    /** Loads `page` into `element` and hears it. */
    constructor(readonly element: HTMLIFrameElement, page: string, accepts: (message: unknown) => message is In, receive: (message: In) => void) {
        window.addEventListener('message', (event: MessageEvent<unknown>) => {
            if (event.source !== element.contentWindow || !accepts(event.data)) return;
            if (event.data.type === 'ready') {
                this.ready = true;
                for (const message of this.queue.splice(0)) this.send(message);
            }
            receive(event.data);
        });
        element.src = page;
    }

    /** Posts `message` to the view (after it is ready). */
    post(message: Out): void {
        if (this.ready) this.send(message);
        else this.queue.push(message);
    }

    private send(message: Out): void {
        this.element.contentWindow?.postMessage(message, window.location.origin);
    }
}
