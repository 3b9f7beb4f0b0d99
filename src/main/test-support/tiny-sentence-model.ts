import fs from 'node:fs'
import path from 'node:path'
import { onnx } from 'onnx-proto'

/**
 * Builds a real (tiny) sentence-encoder model folder laid out like a Hugging Face repository:
 * config.json, tokenizer.json (BERT WordPiece), tokenizer_config.json and onnx/model.onnx, a graph
 * that looks each token up in an embedding table (`Gather`). Words of one topic share a direction,
 * so mean-pooled sentences about the same topic land close together. It lets tests run
 * transformers.js's real loading and inference code without downloading a model.
 */
export const TINY_TOPICS: Record<string, string[]> = {
  debugging: ['debug', 'bug', 'failing', 'test', 'error', 'crash', 'broken', 'fix'],
  art: ['art', 'poster', 'colour', 'painting', 'design', 'canvas', 'shapes'],
  release: ['release', 'version', 'changelog', 'tag', 'publish', 'ship'],
}
const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]']

export function writeTinySentenceModel(folder: string): { dims: number; vocab: string[] } {
  const topics = Object.values(TINY_TOPICS)
  const dims = topics.length + 1
  const vocab = [...SPECIAL, ...topics.flat()]
  const table = new Float32Array(vocab.length * dims)
  topics.forEach((words, topic) =>
    words.forEach((word, i) => {
      const row = vocab.indexOf(word)
      table[row * dims + topic] = 1
      // A small per-word component, so two words of one topic are close but not identical.
      table[row * dims + topics.length] = (i + 1) / 20
    }),
  )

  const tensorType = (elemType: number, shape: Array<string | number>) => ({
    tensorType: { elemType, shape: { dim: shape.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } },
  })
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'session-buddy tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-sentence-encoder',
      node: [{ opType: 'Gather', input: ['embeddings', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] }],
      initializer: [{ name: 'embeddings', dims: [vocab.length, dims], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(table.buffer) }],
      input: [
        { name: 'input_ids', type: tensorType(onnx.TensorProto.DataType.INT64, ['batch', 'sequence']) },
        { name: 'attention_mask', type: tensorType(onnx.TensorProto.DataType.INT64, ['batch', 'sequence']) },
      ],
      output: [{ name: 'last_hidden_state', type: tensorType(onnx.TensorProto.DataType.FLOAT, ['batch', 'sequence', dims]) }],
    },
  })

  fs.mkdirSync(path.join(folder, 'onnx'), { recursive: true })
  fs.writeFileSync(path.join(folder, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish())
  fs.writeFileSync(path.join(folder, 'config.json'), JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: dims }))
  fs.writeFileSync(
    path.join(folder, 'tokenizer_config.json'),
    JSON.stringify({ tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 128, cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]', unk_token: '[UNK]' }),
  )
  const special = (content: string) => ({ id: vocab.indexOf(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })
  const token = (id: string) => ({ SpecialToken: { id, type_id: 0 } })
  fs.writeFileSync(
    path.join(folder, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIAL.map(special),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]')],
        pair: [token('[CLS]'), { Sequence: { id: 'A', type_id: 0 } }, token('[SEP]'), { Sequence: { id: 'B', type_id: 1 } }, token('[SEP]')],
        special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [vocab.indexOf(t)], tokens: [t] }])),
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocab.map((w, i) => [w, i])) },
    }),
  )
  return { dims, vocab }
}
