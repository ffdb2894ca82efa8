<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>DrawingCanvas</name>
    <message>
        <location filename="../canvas.py" line="60"/>
        <source>Drawing pad</source>
        <translation>画板</translation>
    </message>
    <message>
        <location filename="../canvas.py" line="62"/>
        <source>Draw a digit, or a number, with the mouse or a pen; the right button erases</source>
        <translation>用鼠标或手写笔写一个数字或一个多位数；按住右键可擦除</translation>
    </message>
    <message>
        <location filename="../canvas.py" line="324"/>
        <source>Draw a digit here
anywhere, any size</source>
        <translation>在这里写一个数字
位置、大小随意</translation>
    </message>
</context>
<context>
    <name>EvaluationDialog</name>
    <message>
        <location filename="../evaluation_view.py" line="42"/>
        <source>Evaluation on the MNIST test set</source>
        <translation>在 MNIST 测试集上的评估</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="44"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; of the test digits read right (loss {1}).&lt;br&gt;Model: {2}&lt;br&gt;Data: {3}</source>
        <translation>测试集中 &lt;b&gt;{0}&lt;/b&gt; 的数字识别正确（损失 {1}）。&lt;br&gt;模型：{2}&lt;br&gt;数据：{3}</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="50"/>
        <source>Click a cell to see its test digits</source>
        <translation>点击单元格，查看其中的测试数字</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="53"/>
        <source>Rows: the true digit. Columns: the digit the model read. Click a cell to see it.</source>
        <translation>行：真实的数字。列：模型识别出的数字。点击单元格可查看其中的图片。</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="56"/>
        <source>Most confident mistakes</source>
        <translation>最有把握的错误</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="75"/>
        <source>{0} test images of {1} read right, the surest first</source>
        <translation>{0} 张数字 {1} 的测试图片被正确识别，最有把握的在前</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="77"/>
        <source>{0} test images of {1} read as {2}, the surest first</source>
        <translation>{0} 张数字 {1} 的测试图片被识别为 {2}，最有把握的在前</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="81"/>
        <source>The mistakes the model was surest of</source>
        <translation>模型最有把握的错误</translation>
    </message>
    <message>
        <location filename="../evaluation_view.py" line="85"/>
        <source> (the first {0} shown)</source>
        <translation>（只显示前 {0} 张）</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../dialogs.py" line="332"/>
        <source>How to use digitpad</source>
        <translation>digitpad 使用说明</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="335"/>
        <source>&lt;p&gt;&lt;b&gt;Draw&lt;/b&gt; a digit anywhere on the pad, at any size, with the mouse or a pen; the right button (or the pen&apos;s eraser end) erases. It is read after every stroke and while you draw. The panel shows the digit when the model is sure, both candidates when it is not (&amp;ldquo;Not sure: 4 or 9&amp;rdquo;), and &amp;ldquo;Not a digit?&amp;rdquo; for letters, doodles or two digits on top of each other. Below: the ten probabilities and the 28x28 image the model reads.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Pictures&lt;/b&gt;: open one from the File menu, drop it on the window or paste it from the Edit menu; Edit &amp;gt; Copy reading copies what the pad reads, as text. &lt;b&gt;Models&lt;/b&gt;: retrain, evaluate, load, save or go back to the shipped one from the Model menu; you keep drawing while a model trains, and you choose whether to use it when it is done.&lt;/p&gt;</source>
        <translation>&lt;p&gt;用鼠标或手写笔在画板上任意位置&lt;b&gt;书写&lt;/b&gt;一个数字，大小随意；按住右键（或用手写笔的橡皮擦一端）可擦除。每写完一笔、以及书写过程中，都会立即识别。模型有把握时，右侧面板显示识别出的数字；没有把握时，同时列出两个候选（&amp;ldquo;不确定：4 还是 9&amp;rdquo;）；遇到字母、涂鸦或两个叠在一起的数字，则显示&amp;ldquo;不是数字？&amp;rdquo;。下方是十个数字的概率，以及模型实际读取的 28x28 图像。&lt;/p&gt;&lt;p&gt;&lt;b&gt;图片&lt;/b&gt;：从“文件”菜单打开、直接拖到窗口上，或从“编辑”菜单粘贴；“编辑”&amp;gt;“复制读数”把画板上读出的内容作为文字复制。&lt;b&gt;模型&lt;/b&gt;：在“模型”菜单中重新训练、评估、载入、保存，或恢复为自带模型；训练期间可以照常书写，训练结束后由你决定是否使用新模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="346"/>
        <source>&lt;p&gt;&lt;b&gt;Numbers&lt;/b&gt;: write several digits side by side, with a little room between them, and the whole number is read, with a decimal point or comma written low between two digits, a dash between them or a minus before them; lines written one under the other, with room between them, are read line by line. Click a digit (or press Left or Right) to see its bars. &lt;b&gt;Teach it your handwriting&lt;/b&gt;: when a reading is wrong (or right), press the digit&apos;s key or N for not a digit, or click its bar, to keep the drawing (of a number, the digit you clicked); Teach &amp;gt; My drawings shows them, and Model &amp;gt; Personalize teaches the model with them.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;数字串&lt;/b&gt;：把几个数字并排写下，彼此稍留空隙，就能识别整个数；两个数字之间靠下写的小数点或逗号、数字之间的短横以及数字前的负号也会一并识别；上下分行书写、行间留有空隙时，会逐行识别。点击其中一个数字（或按左、右方向键），可查看它的柱形图。&lt;b&gt;教它认识你的笔迹&lt;/b&gt;：识别错了（或对了）时，按下这个数字的键，不是数字时按 N，或点击它的柱形，即可保存这张手写图（若是一串数字，只保存你点选的那一位）；“教学 &amp;gt; 我的手写图”列出它们，“模型 &amp;gt; 个性化”用它们来教模型。&lt;/p&gt;</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="355"/>
        <source>Keyboard</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="121"/>
        <location filename="../main_window.py" line="668"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>Close digitpad</source>
        <translation>关闭 digitpad</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="123"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="124"/>
        <source>Take back the last stroke, a Clear, or a picture put on the pad</source>
        <translation>撤回最后一笔、一次清空或放到画板上的图片</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128"/>
        <source>&amp;Clear</source>
        <translation>清空(&amp;C)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="128"/>
        <source>Wipe the pad</source>
        <translation>清空画板</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130"/>
        <source>&amp;Eraser</source>
        <translation>橡皮擦(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="131"/>
        <source>Rub out with the left button or a pen&apos;s tip too; the right button always erases</source>
        <translation>让左键或笔尖也用来擦除；右键始终可以擦除</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>&amp;Thicker pen</source>
        <translation>加粗笔迹(&amp;T)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>Draw with a wider pen</source>
        <translation>用更粗的笔书写</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <source>Thi&amp;nner pen</source>
        <translation>变细笔迹(&amp;N)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="140"/>
        <source>Draw with a narrower pen</source>
        <translation>用更细的笔书写</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>&amp;Retrain…</source>
        <translation>重新训练(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="143"/>
        <source>Train a new model on MNIST</source>
        <translation>在 MNIST 上训练一个新模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="146"/>
        <source>Show &amp;training</source>
        <translation>显示训练进度(&amp;T)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="147"/>
        <source>Show the training run&apos;s progress, or how it ended</source>
        <translation>显示训练的进度，或训练如何结束</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <source>&amp;Evaluate on test set</source>
        <translation>在测试集上评估(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="152"/>
        <source>Test the model on the MNIST test set</source>
        <translation>用 MNIST 测试集检验模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="155"/>
        <source>&amp;About the model in use…</source>
        <translation>关于正在使用的模型(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="156"/>
        <source>What the model in use is, how it was made and where its file is</source>
        <translation>正在使用的是哪个模型、它是怎样训练出来的、文件在哪里</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160"/>
        <source>&amp;Load model…</source>
        <translation>载入模型(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="160"/>
        <source>Use a model from a .keras file</source>
        <translation>使用某个 .keras 文件中的模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>&amp;Save model as…</source>
        <translation>模型另存为(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="163"/>
        <source>Copy the model in use to a .keras file</source>
        <translation>把当前使用的模型复制到一个 .keras 文件</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="166"/>
        <source>Reset to the s&amp;hipped model</source>
        <translation>恢复为自带模型(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="167"/>
        <source>Use the model digitpad ships with</source>
        <translation>使用 digitpad 自带的模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="172"/>
        <source>&amp;Personalize…</source>
        <translation>个性化(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="173"/>
        <source>Teach the model in use your handwriting, from the drawings you kept</source>
        <translation>用你保存的手写图，教当前模型认识你的笔迹</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="178"/>
        <source>&amp;How to use digitpad</source>
        <translation>digitpad 使用说明(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="178"/>
        <source>How to draw, read and train</source>
        <translation>如何书写、识别和训练</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181"/>
        <source>&amp;About digitpad</source>
        <translation>关于 digitpad(&amp;A)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="181"/>
        <source>What digitpad is and the versions in use</source>
        <translation>digitpad 简介及所用软件的版本</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="185"/>
        <source>Next digit of the number</source>
        <translation>多位数的下一位</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="188"/>
        <source>Previous digit of the number</source>
        <translation>多位数的上一位</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="203"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="210"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="221"/>
        <source>&amp;Teach</source>
        <translation>教学(&amp;T)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="227"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="238"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="251"/>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="254"/>
        <source>As the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="263"/>
        <source>digitpad will speak the language you chose from its next start.</source>
        <translation>下次启动 digitpad 时将使用你选择的语言。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="267"/>
        <source>Pad</source>
        <translation>画板</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="274"/>
        <source> Pen </source>
        <translation> 笔宽 </translation>
    </message>
    <message>
        <location filename="../main_window.py" line="277"/>
        <source>Pen width</source>
        <translation>笔的粗细</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="281"/>
        <source>no model yet</source>
        <translation>还没有模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="284"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="327"/>
        <source>Model: {0}</source>
        <translation>模型：{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="329"/>
        <source>Ready: draw a digit, or a number with its digits side by side.</source>
        <translation>就绪：请写一个数字，或把几个数字并排写成一个数。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="330"/>
        <source>Now using {0}</source>
        <translation>现在使用{0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="339"/>
        <source>Using the next model there is instead.</source>
        <translation>改用下一个可用的模型。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="346"/>
        <source>No model yet: training one…</source>
        <translation>还没有模型：正在训练一个…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="349"/>
        <source>There is no model yet, so digitpad is training one (a few minutes). You can draw meanwhile.</source>
        <translation>还没有模型，digitpad 正在训练一个（需要几分钟）。在此期间你可以照常书写。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="371"/>
        <source>Training: starting…</source>
        <translation>训练：正在开始…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="378"/>
        <source>Training: epoch {0}/{1}, {2}</source>
        <translation>训练：第 {0}/{1} 轮，{2}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="387"/>
        <source>Done: the new model reads {0} of the MNIST test set right.</source>
        <translation>完成：新模型在 MNIST 测试集上的正确率为 {0}。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="390"/>
        <source>It was saved as {0}.</source>
        <translation>已保存为 {0}。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="401"/>
        <source>Training was cancelled.</source>
        <translation>训练已取消。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="425"/>
        <source>No model: use Model &gt; Retrain… or Model &gt; Load model…</source>
        <translation>没有模型：请使用“模型 &gt; 重新训练…”或“模型 &gt; 载入模型…”</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="429"/>
        <source>There is still no model.</source>
        <translation>仍然没有模型。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="430"/>
        <source>The previous model ({0}) is still in use, and nothing on disk changed.</source>
        <translation>仍在使用原来的模型（{0}），磁盘上的文件没有任何改动。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="484"/>
        <source>Draw a digit on the pad</source>
        <translation>请在画板上写一个数字</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="515"/>
        <source>Training the {0} recipe: {1} networks, {2} epochs each.</source>
        <translation>正在用 {0} 方案训练 {1} 个网络，每个 {2} 轮。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="518"/>
        <source>Training the {0} recipe for {1} epochs.</source>
        <translation>正在用 {0} 方案训练 {1} 轮。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="528"/>
        <source>Personalize</source>
        <translation>个性化</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="530"/>
        <source>There are no drawings to learn from yet. Draw a digit and press its key (0-9), or N when it is not a digit, or click its bar. A drawing a digit is enough to start; the more, the better.</source>
        <translation>还没有可供学习的手写图。写一个数字，然后按对应的数字键（0-9），不是数字时按 N，也可以点击它的柱形。每个数字有一张就可以开始，越多越好。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="537"/>
        <source>Teaching {0} your {1} drawings.</source>
        <translation>正在用你的 {1} 张手写图教{0}。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="561"/>
        <source>Load model</source>
        <translation>载入模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="561"/>
        <location filename="../main_window.py" line="573"/>
        <source>Keras models (*.keras)</source>
        <translation>Keras 模型 (*.keras)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="573"/>
        <source>Save model as</source>
        <translation>模型另存为</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="580"/>
        <source>Model saved as {0}</source>
        <translation>模型已保存为 {0}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="582"/>
        <location filename="../main_window.py" line="584"/>
        <source>Could not save the model</source>
        <translation>无法保存模型</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="595"/>
        <source>That&apos;s a 0 … 9</source>
        <translation>这是 0 … 9</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="618"/>
        <source>About digitpad</source>
        <translation>关于 digitpad</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="620"/>
        <source>&lt;b&gt;digitpad {0}&lt;/b&gt; reads the digit you draw with a Keras dense network trained on MNIST.&lt;br&gt;Model in use: {1}.&lt;br&gt;&lt;br&gt;{2}. Keras and TensorFlow are used only to train, in a process of their own.</source>
        <translation>&lt;b&gt;digitpad {0}&lt;/b&gt; 用一个在 MNIST 上训练的 Keras 全连接网络识别你写的数字。&lt;br&gt;当前模型：{1}。&lt;br&gt;&lt;br&gt;{2}。Keras 和 TensorFlow 只在训练时使用，并且运行在单独的进程中。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="623"/>
        <source>none yet</source>
        <translation>暂无</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="665"/>
        <source>Quit digitpad?</source>
        <translation>退出 digitpad？</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="665"/>
        <source>A model is still training.</source>
        <translation>还有一个模型正在训练。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="667"/>
        <source>Quitting stops it. The model in use stays, and nothing half-trained is kept.</source>
        <translation>退出会停止训练。正在使用的模型保持不变，训练到一半的模型不会保存。</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="669"/>
        <source>&amp;Keep training</source>
        <translation>继续训练(&amp;K)</translation>
    </message>
</context>
<context>
    <name>MistakesGallery</name>
    <message>
        <location filename="../evaluation_view.py" line="105"/>
        <source>Test image #{0}: a {1} read as {2}, {3} sure</source>
        <translation>测试图片 #{0}：数字 {1} 被识别为 {2}，把握 {3}</translation>
    </message>
</context>
<context>
    <name>ModelChoiceDialog</name>
    <message>
        <location filename="../dialogs.py" line="207"/>
        <source>A new model is ready</source>
        <translation>新模型已就绪</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="214"/>
        <source>In use now</source>
        <translation>当前使用</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="214"/>
        <source>New</source>
        <translation>新模型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="251"/>
        <source>Your {0} drawings read right</source>
        <translation>你的 {0} 张手写图识别正确</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="255"/>
        <source> (each by a model that had not learned it)</source>
        <translation>（每张都由没学过它的模型来识别）</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="209"/>
        <source>Use the new model</source>
        <translation>使用新模型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="210"/>
        <source>Keep the one in use</source>
        <translation>保留当前模型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="215"/>
        <source>The new model is saved as {0} either way.</source>
        <translation>无论如何选择，新模型都已保存为 {0}。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="277"/>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="284"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="285"/>
        <source>MNIST test accuracy</source>
        <translation>MNIST 测试集正确率</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="287"/>
        <source>Validation accuracy</source>
        <translation>验证集正确率</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="291"/>
        <source>Recipe</source>
        <translation>训练方案</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="294"/>
        <source>Trained on</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="295"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
</context>
<context>
    <name>ModelDetailsDialog</name>
    <message>
        <location filename="../dialogs.py" line="225"/>
        <source>The model in use</source>
        <translation>正在使用的模型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="227"/>
        <source>Open its folder</source>
        <translation>打开所在文件夹</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="235"/>
        <source>File: {0}</source>
        <translation>文件：{0}</translation>
    </message>
</context>
<context>
    <name>ModelInputView</name>
    <message>
        <location filename="../result_panel.py" line="304"/>
        <source>The 28x28 image the model reads</source>
        <translation>模型读取的 28x28 图像</translation>
    </message>
</context>
<context>
    <name>MyDrawingsDialog</name>
    <message>
        <location filename="../samples_view.py" line="36"/>
        <source>My drawings</source>
        <translation>我的手写图</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="41"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="42"/>
        <source>Relabel…</source>
        <translation>重新标注…</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="43"/>
        <source>Open the folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="68"/>
        <source>{0} drawings kept. {1}</source>
        <translation>已保存 {0} 张手写图。{1}</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="70"/>
        <source>No drawings kept yet. Draw a digit, then press its key (0-9), or N for not a digit.</source>
        <translation>还没有保存手写图。写一个数字，然后按对应的数字键（0-9），不是数字时按 N。</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="84"/>
        <source>{0}
read {1} {2}</source>
        <translation>{0}
识别为 {1} {2}</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="101"/>
        <source>Relabel</source>
        <translation>重新标注</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="101"/>
        <source>What do they show?</source>
        <translation>它们写的是什么？</translation>
    </message>
    <message>
        <location filename="../samples_view.py" line="108"/>
        <source>not a digit</source>
        <translation>不是数字</translation>
    </message>
</context>
<context>
    <name>Pictures</name>
    <message>
        <location filename="../pictures.py" line="28"/>
        <source>Images ({0})</source>
        <translation>图片 ({0})</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="54"/>
        <source>&amp;Open image…</source>
        <translation>打开图片(&amp;O)…</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="54"/>
        <source>Read the digit in a picture file</source>
        <translation>识别图片文件中的数字</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="57"/>
        <source>&amp;Save drawing…</source>
        <translation>保存手写图(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="57"/>
        <source>Save the drawing as a PNG</source>
        <translation>把画板上的内容保存为 PNG</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="61"/>
        <source>C&amp;opy reading</source>
        <translation>复制读数(&amp;O)</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="62"/>
        <source>Copy the digit or number read, as text</source>
        <translation>把读出的数字或号码作为文字复制</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="69"/>
        <source>&amp;Paste picture</source>
        <translation>粘贴图片(&amp;P)</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="70"/>
        <source>Put the picture on the clipboard on the pad</source>
        <translation>把剪贴板上的图片放到画板上</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="82"/>
        <source>Open image</source>
        <translation>打开图片</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="94"/>
        <source>{0} is no longer there.</source>
        <translation>{0} 已不在原处。</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="102"/>
        <source>The clipboard holds no picture.</source>
        <translation>剪贴板上没有图片。</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="121"/>
        <source>Reading {0}</source>
        <translation>正在识别 {0}</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="121"/>
        <source>the picture</source>
        <translation>图片</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="123"/>
        <source>, the first of the {0} files</source>
        <translation>（{0} 个文件中的第一个）</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="133"/>
        <source>Copied {0}</source>
        <translation>已复制 {0}</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="138"/>
        <source>drawing</source>
        <translation>手写图</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="140"/>
        <source>Save drawing</source>
        <translation>保存手写图</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="140"/>
        <source>PNG image (*.png)</source>
        <translation>PNG 图片 (*.png)</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="154"/>
        <source>Could not save the drawing</source>
        <translation>无法保存手写图</translation>
    </message>
    <message>
        <location filename="../pictures.py" line="157"/>
        <source>Saved {0}</source>
        <translation>已保存 {0}</translation>
    </message>
</context>
<context>
    <name>ProbabilityChart</name>
    <message>
        <location filename="../result_panel.py" line="239"/>
        <source>Probabilities of the digits 0 to 9</source>
        <translation>数字 0 到 9 的概率</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="240"/>
        <source>Click the bar of the digit you drew to keep the drawing and teach the model</source>
        <translation>点击你所写数字的柱形，即可保存这张手写图并用来教模型</translation>
    </message>
</context>
<context>
    <name>Reader</name>
    <message>
        <location filename="../workers.py" line="131"/>
        <source>Loading the model…</source>
        <translation>正在载入模型…</translation>
    </message>
    <message>
        <location filename="../workers.py" line="161"/>
        <source>No model to read the drawing with yet.</source>
        <translation>还没有可以用来识别的模型。</translation>
    </message>
    <message>
        <location filename="../workers.py" line="166"/>
        <source>Nothing to read yet: the drawing is only a dot.</source>
        <translation>还没有可识别的内容：画板上只有一个点。</translation>
    </message>
    <message>
        <location filename="../workers.py" line="168"/>
        <source>Nothing to read yet: the drawing is empty.</source>
        <translation>还没有可识别的内容：画板是空的。</translation>
    </message>
    <message>
        <location filename="../workers.py" line="170"/>
        <source>Could not read the drawing: {0}</source>
        <translation>无法识别手写内容：{0}</translation>
    </message>
    <message>
        <location filename="../workers.py" line="196"/>
        <source>Opening the picture…</source>
        <translation>正在打开图片…</translation>
    </message>
    <message>
        <location filename="../workers.py" line="205"/>
        <source>Reading the picture…</source>
        <translation>正在识别图片…</translation>
    </message>
    <message>
        <location filename="../workers.py" line="214"/>
        <source>There is no model to read your drawings with yet.</source>
        <translation>还没有可以识别你手写图的模型。</translation>
    </message>
    <message>
        <location filename="../workers.py" line="227"/>
        <source>There is no model to evaluate yet.</source>
        <translation>还没有可以评估的模型。</translation>
    </message>
    <message>
        <location filename="../workers.py" line="228"/>
        <source>Evaluating the model on the MNIST test set…</source>
        <translation>正在 MNIST 测试集上评估模型…</translation>
    </message>
</context>
<context>
    <name>RecentPicturesMenu</name>
    <message>
        <location filename="../recent.py" line="18"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location filename="../recent.py" line="51"/>
        <source>&amp;Clear list</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../result_panel.py" line="36"/>
        <source>{0} sure</source>
        <translation>把握 {0}</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="39"/>
        <source>Not sure: {0} or {1} ({2})</source>
        <translation>不确定：{0} 还是 {1}（{2}）</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="40"/>
        <source>Not a digit?</source>
        <translation>不是数字？</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="67"/>
        <source>What the model sees</source>
        <translation>模型看到的图像</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="76"/>
        <source>Why this reading</source>
        <translation>为什么这样识别</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="78"/>
        <source>Colour the pixels that pushed toward the reading (red) and toward the runner-up (blue)</source>
        <translation>给像素着色：推向识别结果的为红色，推向第二候选的为蓝色</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="86"/>
        <source>Loading the model…</source>
        <translation>正在载入模型…</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="145"/>
        <source>Show this digit&apos;s ten probabilities and the image the model read</source>
        <translation>显示这个数字的十个概率，以及模型读取的图像</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="164"/>
        <source>{0} digits: click one to see what the model read</source>
        <translation>{0} 个数字：点击其中一个，查看模型读到的内容</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="165"/>
        <source>Not sure of every digit: see those marked ? or ✗</source>
        <translation>并非每个数字都有把握：请看标有 ? 或 ✗ 的数字</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="208"/>
        <source>Digits touching? Drawn apart, they would read {0}.</source>
        <translation>数字连在一起了？分开写就会读作 {0}。</translation>
    </message>
    <message>
        <location filename="../result_panel.py" line="189"/>
        <source>red: toward {0}, blue: toward {1}</source>
        <translation>红色：倾向 {0}，蓝色：倾向 {1}</translation>
    </message>
</context>
<context>
    <name>RetrainDialog</name>
    <message>
        <location filename="../dialogs.py" line="43"/>
        <source>Retrain the model</source>
        <translation>重新训练模型</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="54"/>
        <source>as digitpad finds it ($DIGITPAD_MNIST, Keras&apos; cache, download)</source>
        <translation>由 digitpad 自动查找（$DIGITPAD_MNIST、Keras 缓存或下载）</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="56"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="62"/>
        <source>Recipe:</source>
        <translation>训练方案：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="64"/>
        <source>Epochs:</source>
        <translation>轮数：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="65"/>
        <source>Batch size:</source>
        <translation>批大小：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="66"/>
        <source>MNIST data:</source>
        <translation>MNIST 数据：</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="68"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="73"/>
        <source>Your current model stays in use until the new one is ready.</source>
        <translation>新模型训练好之前，继续使用当前模型。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="85"/>
        <source>With its own settings it takes about {0} min on a 2-core computer.</source>
        <translation>按默认设置，在双核电脑上约需 {0} 分钟。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="87"/>
        <source>With its own settings it takes well under a minute on a 2-core computer.</source>
        <translation>按默认设置，在双核电脑上不到一分钟。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="94"/>
        <source>MNIST data</source>
        <translation>MNIST 数据</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="94"/>
        <source>MNIST (*.npz);;All files (*)</source>
        <translation>MNIST (*.npz);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="303"/>
        <source>The classic Keras MNIST recipe, as published: 512 relu units, rmsprop, plain MNIST digits.</source>
        <translation>经典的 Keras MNIST 示例，原样照搬：512 个 relu 单元，rmsprop，原始 MNIST 数字。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="307"/>
        <source>The same dense network with dropout and Adam on a cosine schedule, trained on digits freshly distorted every epoch and on drawn non-digits (letters, symbols, doodles, two digits on top of each other) taught to give a flat output.</source>
        <translation>同样的全连接网络，加上 dropout 和余弦学习率的 Adam；每一轮都用重新随机变形的数字训练，并用绘制的非数字（字母、符号、涂鸦、两个叠在一起的数字）训练它给出均匀的输出。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="313"/>
        <source>Two hidden layers of 1,024 units, trained as the digitpad recipe for 60 epochs, with half the 4s closed at the top as they are printed: the shipped model.</source>
        <translation>两个各有 1,024 个单元的隐藏层，按 digitpad 方案训练 60 轮，并像印刷体那样把一半的 4 顶部封口：即自带的模型。</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="318"/>
        <source>Two digitpad-large networks with their own seeds, trained one after the other and joined into one network that averages their readings: surer of typed digits, but each reading takes about a quarter longer.</source>
        <translation>两个 digitpad-large 网络，各用自己的随机种子，先后训练，再合成一个对两者读数取平均的网络：对印刷体数字更有把握，但每次识别约多花四分之一的时间。</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../workers.py" line="55"/>
        <source>Could not load the model</source>
        <translation>无法载入模型</translation>
    </message>
    <message>
        <location filename="../workers.py" line="56"/>
        <source>Could not open the picture</source>
        <translation>无法打开图片</translation>
    </message>
    <message>
        <location filename="../workers.py" line="57"/>
        <source>Could not evaluate the model</source>
        <translation>无法评估模型</translation>
    </message>
    <message>
        <location filename="../workers.py" line="58"/>
        <source>Training did not finish</source>
        <translation>训练未完成</translation>
    </message>
    <message>
        <location filename="../workers.py" line="59"/>
        <source>Could not read your drawings</source>
        <translation>无法识别你的手写图</translation>
    </message>
    <message>
        <location filename="../workers.py" line="66"/>
        <source>Something unexpected went wrong ({0}: {1}).</source>
        <translation>发生了意外错误（{0}：{1}）。</translation>
    </message>
    <message>
        <location filename="../workers.py" line="243"/>
        <source>The picture is empty.</source>
        <translation>图片是空的。</translation>
    </message>
    <message>
        <location filename="../workers.py" line="246"/>
        <source>The picture is too large ({0} x {1} pixels; digitpad reads up to {2} megapixels).</source>
        <translation>图片太大（{0} x {1} 像素；digitpad 最多读取 {2} 百万像素）。</translation>
    </message>
</context>
<context>
    <name>Teacher</name>
    <message>
        <location filename="../teaching.py" line="37"/>
        <source>That&apos;s a {0}</source>
        <translation>这是 {0}</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="39"/>
        <source>That&apos;s &amp;not a digit</source>
        <translation>这不是数字(&amp;N)</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="42"/>
        <source>&amp;Forget the drawing just kept</source>
        <translation>撤销刚保存的手写图(&amp;F)</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="43"/>
        <source>Take back the last drawing kept as a sample</source>
        <translation>撤回最后保存的那张手写图</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="50"/>
        <source>My &amp;drawings…</source>
        <translation>我的手写图(&amp;D)…</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="51"/>
        <source>The drawings you kept, and how the model reads them</source>
        <translation>你保存的手写图，以及模型如何识别它们</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="57"/>
        <source>Keep this drawing, labelled, to teach the model your handwriting</source>
        <translation>保存这张带标注的手写图，用来教模型认识你的笔迹</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="64"/>
        <source>Draw something first, then say what it is.</source>
        <translation>请先写点什么，再告诉它写的是什么。</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="72"/>
        <source>There is nothing to keep: the drawing is only a dot.</source>
        <translation>没有可保存的内容：画板上只有一个点。</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="75"/>
        <source>Could not keep the drawing: {0}</source>
        <translation>无法保存手写图：{0}</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="79"/>
        <source>not a digit</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="81"/>
        <source>Kept as {0} ({1} kept with that label).</source>
        <translation>已保存为 {0}（这个标注共 {1} 张）。</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="83"/>
        <source>Kept digit {0} of the number as {1} ({2} kept with that label).</source>
        <translation>已把这个数的第 {0} 位保存为 {1}（这个标注共 {2} 张）。</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="86"/>
        <source>Ctrl+Shift+Z takes it back.</source>
        <translation>按 Ctrl+Shift+Z 可撤回。</translation>
    </message>
    <message>
        <location filename="../teaching.py" line="96"/>
        <source>The drawing just kept is forgotten.</source>
        <translation>刚保存的手写图已撤回。</translation>
    </message>
</context>
<context>
    <name>Trainer</name>
    <message>
        <location filename="../workers.py" line="273"/>
        <source>Training could not start: {0}</source>
        <translation>训练无法开始：{0}</translation>
    </message>
</context>
<context>
    <name>TrainingCurves</name>
    <message>
        <location filename="../curves.py" line="27"/>
        <source>Blue: the training batches (distorted digits and drawn non-digits). Orange: the validation split, digits held out from training.</source>
        <translation>蓝色：训练批次（变形的数字和绘制的非数字）。橙色：验证集，即训练时留出的数字。</translation>
    </message>
    <message>
        <location filename="../curves.py" line="51"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../curves.py" line="58"/>
        <source>Accuracy</source>
        <translation>正确率</translation>
    </message>
    <message>
        <location filename="../curves.py" line="101"/>
        <source>training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../curves.py" line="101"/>
        <source>validation</source>
        <translation>验证</translation>
    </message>
    <message>
        <location filename="../curves.py" line="110"/>
        <source>after epoch {0} of {1}</source>
        <translation>第 {0} / {1} 轮之后</translation>
    </message>
</context>
<context>
    <name>TrainingProgressView</name>
    <message>
        <location filename="../dialogs.py" line="117"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="123"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="125"/>
        <location filename="../dialogs.py" line="181"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="144"/>
        <source>Starting (loading TensorFlow and the data)…</source>
        <translation>正在开始（载入 TensorFlow 和数据）…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="147"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="155"/>
        <source>Epoch {0} of {1}, batch {2} of {3}
loss {4}, accuracy {5}
{6}</source>
        <translation>第 {0}/{1} 轮，第 {2}/{3} 批
损失 {4}，正确率 {5}
{6}</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="174"/>
        <source>time left: starting…</source>
        <translation>剩余时间：正在估算…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="185"/>
        <source>Cancelling after the current batch…</source>
        <translation>当前批次结束后取消…</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="193"/>
        <source>time left: working it out</source>
        <translation>剩余时间：正在估算</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="197"/>
        <source>about {0} min {1} s left</source>
        <translation>大约还剩 {0} 分 {1} 秒</translation>
    </message>
    <message>
        <location filename="../dialogs.py" line="198"/>
        <source>about {0} s left</source>
        <translation>大约还剩 {0} 秒</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <location filename="../words.py" line="16"/>
        <source>the shipped model</source>
        <translation>自带模型</translation>
    </message>
    <message>
        <location filename="../words.py" line="18"/>
        <source>your model</source>
        <translation>你的模型</translation>
    </message>
    <message>
        <location filename="../words.py" line="26"/>
        <source>{0}, {1} on the MNIST test set</source>
        <translation>{0}，MNIST 测试集正确率 {1}</translation>
    </message>
</context>
</TS>
